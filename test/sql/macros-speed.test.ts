/**
 * Bulk speed on a million rows: the reason these validators exist as SQL. The target for cs_nfkc is
 * under 1 s on an idle 2-core machine; the assertion allows for the shared, loaded test machine but
 * still catches a return to per-row translate tables (6–25 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMacroDb, type MacroDb } from './macroDb.js';

let m: MacroDb;
beforeAll(async () => {
  m = await openMacroDb();
  // Short Chinese company names: 3–8 ideographs and a suffix; 30 % with full-width brackets, 5 %
  // with full-width digits or letters, 0.15 % with a Kangxi radical or ㈱. Plus dates in mixed formats.
  await m.db.run(`create table names as
    select (
      array_to_string(list_transform(range(3 + (i % 6)::bigint), lambda k: chr(19968 + ((i * 7919 + k * 104729) % 20000)::integer)), '')
      || case when i % 10 < 3 then '（北京）有限公司' when i % 20 = 5 then '第１２３号ＡＢ店'
              when i % 1000 = 50 then '⼀号有限公司' when i % 2000 = 7 then '㈱商行' else '有限公司' end
    ) as name,
    case i % 5 when 0 then '2025/03/04' when 1 then '2025-3-4 10:22:31' when 2 then '2025年3月4日'
               when 3 then '20250304' else '45000' end as d
    from range(1000000) t(i)`);
});
afterAll(() => m.close());

async function timed(expr: string): Promise<number> {
  const t0 = performance.now();
  await m.db.value(`select ${expr} from names`);
  return Math.round(performance.now() - t0);
}

describe('macro speed on 1,000,000 rows', () => {
  it('normalises a million short Chinese names in a few seconds at most', async () => {
    const times = {
      count: await timed('count(name)'),
      cs_nfkc: await timed('count(cs_nfkc(name))'),
      cs_norm: await timed('count(cs_norm(name))'),
      cs_norm_docno: await timed('count(cs_norm_docno(name))'),
    };
    console.log('1M names, ms:', JSON.stringify(times));
    expect(times.cs_nfkc).toBeLessThan(4000);
    expect(times.cs_norm).toBeLessThan(6000);
  });

  it('validates and parses a million values without row-by-row cost', async () => {
    const times = {
      cs_uscc_valid: await timed(`count_if(cs_uscc_valid(cs_norm_code(name)))`),
      cs_id_norm: await timed(`count(cs_id_norm(name))`),
      cs_parse_date: await timed(`count(cs_parse_date(d))`),
    };
    console.log('1M values, ms:', JSON.stringify(times));
    expect(await m.db.value(`select count(cs_parse_date(d)) from names`)).toBe(1000000);
    expect(times.cs_parse_date).toBeLessThan(15000);
  });
});
