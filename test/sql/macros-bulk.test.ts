/**
 * The validators over a million generated names and mixed-format dates, in one scan: every name
 * normalises to a value and every date parses. How fast they do it is the benchmark's business
 * (`npm run bench -- --only macros`, bench/macros.ts, against a plain count in the same run): elapsed-time
 * bounds here failed on a loaded machine and passed on a slow build alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namesTable } from '../../bench/macros.js';
import { openMacroDb, type MacroDb } from './macroDb.js';

const ROWS = 1_000_000;
let m: MacroDb;
beforeAll(async () => {
  m = await openMacroDb();
  await m.db.run(namesTable(ROWS));
});
afterAll(() => m.close());

describe('macros on 1,000,000 rows', () => {
  it('normalise every name and parse every date of the mixed formats', async () => {
    const counts = await m.db.one(
      `select count(name)::int as names, count(cs_nfkc(name))::int as nfkc, count(cs_norm(name))::int as norm,
              count(cs_parse_date(d))::int as dates
       from names`,
    );
    expect(counts).toEqual({ names: ROWS, nfkc: ROWS, norm: ROWS, dates: ROWS });
  });
});
