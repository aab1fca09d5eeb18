/**
 * The digest e-mails sent (DIR/subscriptions/digests.jsonl, one line a mail): who, to which address,
 * when, the SMTP message id, how many warnings, for which build. A (build, user) pair found here is never
 * mailed again, so a restart or a second `sentinel digest send` cannot send one build twice.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { paths } from '../dataDir.js';

export interface DigestRecord {
  build_id: string;
  as_of: string;
  user: string;
  to: string;
  sent_at: string;
  message_id: string;
  count: number;
}

export function readDigestRecords(dataDir: string): DigestRecord[] {
  const file = paths.digestRecords(dataDir);
  if (!existsSync(file)) return [];
  // A line torn by a crash mid-append is skipped (its mail may have gone: at most one repeat).
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as DigestRecord];
      } catch {
        return [];
      }
    });
}

export function recordDigest(dataDir: string, r: DigestRecord): void {
  const file = paths.digestRecords(dataDir);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${JSON.stringify(r)}\n`, { mode: 0o600 });
}
