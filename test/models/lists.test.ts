/**
 * docs/rules.md "Red and black lists" on a hand-made world through the real ingest and build: who is on the
 * red list (grade A, no counted event in three years, tax grade A, no list entry) and the black list (an
 * active serious-list entry, a persistent violator), and the month-by-month history — entered, stayed, left
 * by a repair or a removal — judged on each month's last day.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { authority, company, penalty, uscc, World, type Rec } from './world.js';

const AS_OF = '2025-12-31';
const MARKET = authority('market');
const co = (n: number) => ({ uscc: uscc(n), name: `厦门红黑测试${n}号公司` });
const tax = (n: number, grade: string, year = 2024): Rec => ({
  纳税人名称: co(n).name,
  统一社会信用代码: co(n).uscc,
  评价年度: year,
  信用等级: grade,
  评价日期: `${year + 1}-04-01`,
});
const listed = (n: number, date: string, doc: string, extra: Rec = {}): Rec => ({
  主体名称: co(n).name,
  统一社会信用代码: co(n).uscc,
  名单类型: '严重违法失信名单',
  列入日期: date,
  认定部门: MARKET,
  认定文书号: doc,
  ...extra,
});
const seriousId = (n: number, date: string) => `serious_list:${MARKET}|严重违法失信名单|${co(n).uscc}|${date}`;

const world = new World();
type History = { list: string; month: string; uscc: string; change: string; reasons: string[] };
const history = async (n: number) =>
  world.query<History>(
    `select list, month, uscc, change, reasons from list_history where uscc = ? order by list, month`,
    [co(n).uscc],
  );

beforeAll(async () => {
  world
    .deliver(
      'enterprises',
      [1, 2, 3, 4, 5, 6, 7].map((n) => company(n, co(n).name)),
    )
    // 1: red. 2: an A taxpayer with a penalty two years back. 3: a B taxpayer. 7: an A whose A is of 2025,
    // dated 2026-04-01: not known at as-of, so its latest grade is 2023's B.
    .deliver('tax_credit', [tax(1, 'A'), tax(2, 'A'), tax(3, 'B'), tax(4, 'A'), tax(7, 'B', 2023), tax(7, 'A', 2025)])
    .deliver('penalties', [penalty(co(2), '2023-12-30')])
    .deliver('serious_list', [
      listed(4, '2025-03-01', '厦信认〔2025〕1号'), // stays on from March
      listed(5, '2024-01-10', '厦信认〔2024〕1号'), // repaired 2025-09-15: leaves in September
      listed(6, '2024-01-10', '厦信认〔2024〕2号', { 移出日期: '2025-07-20' }), // removed in July
    ])
    .deliver('repairs', [
      {
        主体名称: co(5).name,
        统一社会信用代码: co(5).uscc,
        修复类型: '严重失信主体名单',
        关联文书号: '厦信认〔2024〕1号',
        修复决定日期: '2025-09-15',
        修复机关: MARKET,
      },
    ]);
  await world.ingest();
  await world.build(AS_OF);
}, 300_000);

describe('the red list', () => {
  it('holds exactly the active entities meeting every condition on as-of', async () => {
    expect(await world.query('select uscc, score, tax_year from red_list order by uscc')).toEqual([
      { uscc: co(1).uscc, score: 105, tax_year: 2024 },
    ]);
  });

  it('says which condition each other entity fails in the as-of month', async () => {
    const failed = await world.query<{ uscc: string; failed: string[] }>(
      `select uscc, failed from int_red_list_monthly where month = '2025-12' and uscc in (?, ?, ?, ?) order by uscc`,
      [co(2).uscc, co(3).uscc, co(4).uscc, co(7).uscc],
    );
    expect(failed).toEqual([
      // Grade A (a penalty older than the scorecard's year, a B tax grade cost no points), yet not red.
      { uscc: co(2).uscc, failed: ['counted_event'] },
      { uscc: co(3).uscc, failed: ['tax_grade'] },
      { uscc: co(4).uscc, failed: ['grade', 'list_entry'] },
      { uscc: co(7).uscc, failed: ['tax_grade'] },
    ]);
  });

  it('enters in the first graded month, because the grade is known from then on', async () => {
    // One build graded at 2025-12-31: earlier months have no grade yet.
    expect(await history(1)).toEqual([
      { list: 'red', month: '2025-12', uscc: co(1).uscc, change: 'entered', reasons: ['grade'] },
    ]);
  });
});

describe('the black list', () => {
  it('holds the active serious-list entries on as-of with their entries', async () => {
    expect(await world.query('select uscc, reasons, serious_entries from black_list order by uscc')).toEqual([
      { uscc: co(4).uscc, reasons: ['serious_list'], serious_entries: [seriousId(4, '2025-03-01')] },
    ]);
  });

  it('keeps the history: entered in the listing month, stayed after', async () => {
    const h = (await history(4)).filter((r) => r.list === 'black');
    expect(h.map((r) => [r.month, r.change])).toEqual([
      ['2025-03', 'entered'],
      ...['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => [`2025-${m}`, 'stayed']),
    ]);
    expect(h[0]!.reasons).toEqual(['serious_list']);
  });

  it('records who left, in which month and why: a repair, a removal', async () => {
    const left = await world.query<History>(
      `select list, month, uscc, change, reasons from list_history where list = 'black' and change = 'left' order by uscc`,
    );
    expect(left).toEqual([
      { list: 'black', month: '2025-09', uscc: co(5).uscc, change: 'left', reasons: ['serious_list_repaired'] },
      { list: 'black', month: '2025-07', uscc: co(6).uscc, change: 'left', reasons: ['serious_list_removed'] },
    ]);
    // Before leaving, each stayed from the first history month (both listed before the window).
    const five = (await history(5)).filter((r) => r.list === 'black');
    expect(five.map((r) => r.change)).toEqual([...Array(8).fill('stayed'), 'left']);
    expect(five[0]!.month).toBe('2025-01');
  });
});

describe('the judged months', () => {
  it('are the 12 months ending with the as-of month, each judged on its last day, plus the month before', async () => {
    const months = await world.query<{ month: string; judged_on: string; is_history: boolean }>(
      `select month, cast(judged_on as varchar) as judged_on, is_history from int_list_months order by month`,
    );
    expect(months).toHaveLength(13);
    expect(months[0]).toEqual({ month: '2024-12', judged_on: '2024-12-31', is_history: false });
    expect(months[2]).toEqual({ month: '2025-02', judged_on: '2025-02-28', is_history: true });
    expect(months[12]).toEqual({ month: '2025-12', judged_on: AS_OF, is_history: true });
  });

  it('follow the history length of the configuration', async () => {
    const short = new World();
    short.deliver('enterprises', [company(1, co(1).name)]).deliver('tax_credit', [tax(1, 'A')]);
    await short.ingest();
    await short.build('2025-06-15', { lists: { history_months: 3 } });
    const months = await short.query<{ month: string; judged_on: string }>(
      `select month, cast(judged_on as varchar) as judged_on from int_list_months where is_history order by month`,
    );
    expect(months).toEqual([
      { month: '2025-04', judged_on: '2025-04-30' },
      { month: '2025-05', judged_on: '2025-05-31' },
      { month: '2025-06', judged_on: '2025-06-15' },
    ]);
  }, 300_000);
});
