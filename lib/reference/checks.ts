import type { Db } from '../db.js';
import { InputError } from '../errors.js';

/** Fails with the first few offending rows when `sql` (which selects the bad rows) returns any. */
export async function expectNone(db: Db, file: string, rule: string, sql: string): Promise<void> {
  const bad = await db.all(`${sql} limit 5`);
  if (bad.length > 0) {
    const sample = bad
      .map((r) =>
        Object.values(r)
          .map((v) => String(v))
          .join(' '),
      )
      .join('; ');
    throw new InputError(`${file}: ${rule} (e.g. ${sample})`);
  }
}
