import { describe, it, expect, beforeAll } from 'vitest';
import { SOURCE_NAMES } from '../../lib/config/schema.js';
import { tempDataDir, deliver, runIngest, query, accountingHolds } from './helpers.js';
import { CASES, encode } from './sourceCases.js';
import type { FileOutcome } from '../../pipelines/ingest/run.js';

describe('every source of sources.md loads', () => {
  const dir = tempDataDir();
  let outcomes: FileOutcome[] = [];
  beforeAll(async () => {
    for (const [source, c] of Object.entries(CASES)) {
      const { name, bytes } = await encode(c);
      deliver(dir, source, name, bytes);
    }
    outcomes = (await runIngest(dir)).outcomes;
  });

  it('covers all fifteen sources', () => {
    expect(Object.keys(CASES).sort()).toEqual([...SOURCE_NAMES].sort());
    expect(
      outcomes
        .filter((o) => o.status === 'loaded')
        .map((o) => o.source)
        .sort(),
    ).toEqual([...SOURCE_NAMES].sort());
  });

  it('keeps the accounting identity for every file', async () => {
    expect(await accountingHolds(dir)).toBe(true);
    for (const o of outcomes) expect(o.rowsRead, o.source).toBe(CASES[o.source]!.rows.length);
  });

  for (const [source, c] of Object.entries(CASES)) {
    it(`${source}: keys, values, findings and quarantine reasons`, async () => {
      const rows = await query<Record<string, unknown>>(dir, `select * from raw."${source}" order by _row_number`);
      expect(rows.map((r) => r._reason)).toEqual(c.expect.map((e) => e.reason));
      c.expect.forEach((e, i) => {
        const row = rows[i]!;
        if (e.key !== undefined) expect(row._key).toBe(e.key);
        if (e.values) expect(row).toMatchObject(e.values);
        if (e.findings) expect(row._findings).toEqual(expect.arrayContaining(e.findings));
      });
    });
  }
});
