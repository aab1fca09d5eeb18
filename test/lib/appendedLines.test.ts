/**
 * lib/files/appendedLines.ts: an append-only file of JSON lines read on from where the last read ended,
 * a torn line skipped (or thrown), a half-written last line left for the next read, a replaced file read
 * again from its start.
 */
import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { appendedJsonLines } from '../../lib/files/appendedLines.js';

const line = (n: number) => `${JSON.stringify({ n })}\n`;
const ns = (file: string, bad: 'skip' | 'throw' = 'skip') =>
  appendedJsonLines<{ n: number }>(file, bad).map((r) => r.n);

it('reads appended lines, skips a torn one, waits for a half-written one, rereads a replaced file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'appended-'));
  const file = join(dir, 'records.jsonl');
  expect(ns(file)).toEqual([]);
  writeFileSync(file, line(1) + line(2));
  expect(ns(file)).toEqual([1, 2]);
  // A crash mid-append tore a line; the next append starts after it.
  appendFileSync(file, '{"n": 3' + '\n' + line(4));
  expect(ns(file)).toEqual([1, 2, 4]);
  appendFileSync(file, '{"n":');
  expect(ns(file)).toEqual([1, 2, 4]);
  appendFileSync(file, ' 5}\n');
  expect(ns(file)).toEqual([1, 2, 4, 5]);
  const other = join(dir, 'other.jsonl');
  writeFileSync(other, line(9) + line(8) + line(7) + line(6) + line(5) + line(4) + line(3));
  renameSync(other, file);
  expect(ns(file)).toEqual([9, 8, 7, 6, 5, 4, 3]);
  // The audit log wants a torn line said, not skipped.
  const strict = join(dir, 'audit.jsonl');
  writeFileSync(strict, line(1) + '{"n"\n');
  expect(() => ns(strict, 'throw')).toThrow(SyntaxError);
});
