/**
 * The audit log's hash chain. A line is the entry's JSON with two fields last: `prev`, the hash of the
 * line before it (GENESIS for the first line of the log), and `hash`, the SHA-256 of the line's own text
 * up to `hash`. Changing a line breaks its own hash; removing or inserting one breaks the next line's
 * `prev`. Hashing the exact text (not a re-serialised object) keeps the check independent of key order.
 */
import { createHash } from 'node:crypto';

/** The chain's fixed start: the `prev` of the log's first line. */
export const GENESIS = createHash('sha256').update('credit-sentinel audit log genesis').digest('hex');

export interface ChainFields {
  prev: string;
  hash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The tail `,"hash":"<64 hex>"}` every chained line ends with. */
const HASH_TAIL = /,"hash":"([0-9a-f]{64})"\}$/;

/** The line for `entry` after a line whose hash is `prev`. */
export function chainLine(entry: object, prev: string): string {
  const body = JSON.stringify({ ...entry, prev });
  // The hash covers the body as written, `prev` included; it is appended as the last field.
  return `${body.slice(0, -1)},"hash":"${sha256(body)}"}`;
}

/** The hash a line claims for itself, or "" when it has none (the next line then breaks the chain). */
export function lineHash(line: string): string {
  return HASH_TAIL.exec(line)?.[1] ?? '';
}

export type LineCheck = { ok: true; hash: string } | { ok: false; problem: string };

/** Checks one line against the hash of the line before it. */
export function checkLine(line: string, prev: string): LineCheck {
  const tail = HASH_TAIL.exec(line);
  if (!tail) return { ok: false, problem: 'no hash field at the end of the line' };
  const body = `${line.slice(0, tail.index)}}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'not a JSON object' };
  }
  const claimed = (parsed as { prev?: unknown }).prev;
  if (claimed !== prev) return { ok: false, problem: 'prev does not match the hash of the line before it' };
  if (sha256(body) !== tail[1]) return { ok: false, problem: 'the line was changed after it was written' };
  return { ok: true, hash: tail[1] };
}
