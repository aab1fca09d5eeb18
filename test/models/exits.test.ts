/**
 * docs/rules.md "Exits and repairs", "Government integrity", "Supervision indicators" on a hand-made world
 * through the real ingest and build: which records are due to leave, their working-day due dates (across
 * 国庆 2025, and unknown past the calendar's end), marks from the store as a product source, the serious-list
 * minimum period, the government bodies by USCC category, the red warning, and the three indicators.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { recordMark } from '../../lib/exits/store.js';
import { silentLog } from '../../lib/log.js';
import { build } from '../../pipelines/build/build.js';
import { authority, eventId, penalty, uscc, World, type Rec } from './world.js';

const AS_OF = '2025-12-31';
const MARKET = authority('market');
const co = (n: number, prefix?: string) => ({ uscc: uscc(n, prefix), name: `厦门出清测试${n}号单位` });

const ended = penalty(co(1), '2024-12-20'); // 一般: one year, ends Saturday 2025-12-20
const endedMinor = penalty(co(2), '2024-12-20', { 处罚类别: '警告', '罚款金额（万元）': null });
const endedRevoked = penalty(co(3), '2024-12-20', { 当前状态: '撤销' });
const endedPerson = penalty({ uscc: '', name: '张三' }, '2024-12-20', {
  行政相对人类别: '自然人',
  证件号码: '350205198001010019',
});
const repaired = penalty(co(4), '2025-06-02'); // repaired 2025-09-29, due across 国庆 on 2025-10-10
const repairedLate = penalty(co(5), '2025-06-02'); // repaired 2025-11-03, marked after its due date
const stillPublic = penalty(co(6), '2025-03-01'); // ends 2026-03-01: not due
const oldEnded = penalty(co(7), '2023-12-20'); // ended 2024-12-20: outside the lookback year

const listed = (n: number, date: string, doc: string, extra: Rec = {}): Rec => ({
  主体名称: co(n).name,
  统一社会信用代码: co(n).uscc,
  名单类型: '严重违法失信名单',
  列入日期: date,
  认定部门: MARKET,
  认定文书号: doc,
  ...extra,
});
const repair = (n: number, type: string, doc: string, date: string, by = MARKET): Rec => ({
  主体名称: co(n).name,
  统一社会信用代码: co(n).uscc,
  修复类型: type,
  关联文书号: doc,
  修复决定日期: date,
  修复机关: by,
});
const seriousId = (n: number, date: string) => `serious_list:${MARKET}|严重违法失信名单|${co(n).uscc}|${date}`;

const organ = co(20, '11350205'); // 机关 on the court list
const institution = co(21, '12350205'); // 事业单位 with water arrears
const company = co(22); // an enterprise on the court list: not a government body

const world = new World();
type Item = {
  item_id: string;
  kind: string;
  department: string;
  trigger_date: string;
  due_date: string | null;
  status: string;
  completed_date: string | null;
};
const items = async () =>
  world.query<Item>(
    `select item_id, kind, department, cast(trigger_date as varchar) as trigger_date, cast(due_date as varchar) as due_date,
       status, cast(completed_date as varchar) as completed_date from exits order by item_id`,
  );
const indicators = async () =>
  Object.fromEntries(
    (
      await world.query<{ indicator_id: string; value: number | null; met: boolean }>(
        'select indicator_id, value, met from supervision_indicators',
      )
    ).map((r) => [r.indicator_id, r]),
  );

beforeAll(async () => {
  world
    .deliver('penalties', [ended, endedMinor, endedRevoked, endedPerson, repaired, repairedLate, stillPublic, oldEnded])
    .deliver('repairs', [
      repair(4, '行政处罚', String(repaired['行政处罚决定书文号']), '2025-09-29'),
      repair(5, '行政处罚', String(repairedLate['行政处罚决定书文号']), '2025-11-03'),
      repair(8, '严重失信主体名单', '厦信认〔2024〕1号', '2025-11-03'),
      repair(9, '严重失信主体名单', '厦信认〔2025〕2号', '2025-11-03'),
      repair(10, '严重失信主体名单', '厦信认〔2024〕3号', '2025-11-03'),
    ])
    .deliver('serious_list', [
      listed(8, '2024-06-01', '厦信认〔2024〕1号'), // past the minimum year: due 2025-11-06, overdue
      listed(9, '2025-03-01', '厦信认〔2025〕2号'), // minimum year ends 2026-03-01: no item yet
      listed(10, '2024-06-01', '厦信认〔2024〕3号', { 移出日期: '2025-11-05' }), // removed in time by its authority
      listed(11, '2024-06-01', '厦信认〔2024〕4号'), // no repair: still listed
    ])
    .deliver('court_dishonest', [
      {
        案号: '（2025）闽0205执1号',
        被执行人名称: organ.name,
        统一社会信用代码: organ.uscc,
        执行法院: '厦门市海沧区人民法院',
        发布时间: '2025-11-01',
      },
      {
        案号: '（2025）闽0205执2号',
        被执行人名称: company.name,
        统一社会信用代码: company.uscc,
        执行法院: '厦门市海沧区人民法院',
        发布时间: '2025-11-01',
      },
    ])
    .deliver(
      'utilities',
      ['2025-10', '2025-11', '2025-12'].map((m, i) => ({
        主体名称: institution.name,
        统一社会信用代码: institution.uscc,
        类型: '水费',
        账期: m,
        '应缴金额（元）': 500,
        '实缴金额（元）': 0,
        连续欠费月数: i + 1,
      })),
    );
  await world.ingest();
  // 2025-11-03's repair was taken down on 2025-11-07, a day after its due date; the 2025-09-29 one in time.
  const mark = (item: string, trigger: string, done: string) =>
    recordMark(world.dir, { item_id: item, department: MARKET, trigger_date: trigger, done_date: done, today: AS_OF });
  mark(`repair_decided:${eventId(repaired)}`, '2025-09-29', '2025-10-09');
  mark(`repair_decided:${eventId(repairedLate)}`, '2025-11-03', '2025-11-07');
  // A mark dated after as-of does not exist yet at as-of.
  recordMark(world.dir, {
    item_id: `serious_list_repaired:${seriousId(8, '2024-06-01')}`,
    department: MARKET,
    trigger_date: '2025-11-03',
    done_date: '2026-01-05',
    today: '2026-01-05',
  });
  await world.build(AS_OF);
}, 300_000);

describe('the exits worklist', () => {
  it('lists exactly the records due to leave in the lookback year, with working-day due dates and status', async () => {
    expect(await items()).toEqual(
      [
        {
          item_id: `publication_ended:${eventId(ended)}`,
          kind: 'publication_ended',
          department: MARKET,
          trigger_date: '2025-12-20',
          due_date: '2025-12-24',
          status: 'overdue',
          completed_date: null,
        },
        {
          item_id: `repair_decided:${eventId(repaired)}`,
          kind: 'repair_decided',
          department: MARKET,
          trigger_date: '2025-09-29',
          // 3 working days: 09-30, then 国庆 (10-01 … 10-08) off, 10-09, 10-10.
          due_date: '2025-10-10',
          status: 'done',
          completed_date: '2025-10-09',
        },
        {
          item_id: `repair_decided:${eventId(repairedLate)}`,
          kind: 'repair_decided',
          department: MARKET,
          trigger_date: '2025-11-03',
          due_date: '2025-11-06',
          status: 'done',
          completed_date: '2025-11-07',
        },
        {
          item_id: `serious_list_repaired:${seriousId(10, '2024-06-01')}`,
          kind: 'serious_list_repaired',
          department: MARKET,
          trigger_date: '2025-11-03',
          due_date: '2025-11-06',
          status: 'done',
          completed_date: '2025-11-05',
        },
        {
          item_id: `serious_list_repaired:${seriousId(8, '2024-06-01')}`,
          kind: 'serious_list_repaired',
          department: MARKET,
          trigger_date: '2025-11-03',
          due_date: '2025-11-06',
          status: 'overdue',
          completed_date: null,
        },
      ].sort((a, b) => (a.item_id < b.item_id ? -1 : 1)),
    );
  });

  it('lists government bodies by USCC category with their evidence, and warns red', async () => {
    const rows = await world.query<{
      uscc: string;
      registration_category: string;
      court_case_count: number;
      arrears_account_count: number;
      evidence: string[];
    }>(
      `select uscc, registration_category, court_case_count::integer as court_case_count,
         arrears_account_count::integer as arrears_account_count, evidence from government_integrity order by uscc`,
    );
    expect(rows.map((r) => ({ ...r, evidence: [...r.evidence] }))).toEqual([
      {
        uscc: organ.uscc,
        registration_category: '11',
        court_case_count: 1,
        arrears_account_count: 0,
        evidence: [`court_dishonest:〔2025〕闽0205执1号|${organ.uscc}`],
      },
      {
        uscc: institution.uscc,
        registration_category: '12',
        court_case_count: 0,
        arrears_account_count: 1,
        evidence: [`utilities:${institution.uscc}|水费|2025-12`],
      },
    ]);
    const warnings = await world.query<{ warning_id: string; level: string }>(
      `select warning_id, level from warnings where kind = 'government_integrity' order by warning_id`,
    );
    expect(warnings).toEqual([
      { warning_id: `government_integrity:${organ.uscc}`, level: 'red' },
      { warning_id: `government_integrity:${institution.uscc}`, level: 'red' },
    ]);
  });

  it('measures the exit share, the repairs done in time and 双清零', async () => {
    const v = await indicators();
    // Entries 8, 9, 10 left in the year (repairs, a removal); 11 stays: 3 / 4.
    expect(v.serious_list_exit_share).toEqual({ indicator_id: 'serious_list_exit_share', value: 0.75, met: true });
    // Repairs whose limit passed: 4 (in time), 5 (late), 8 (overdue), 10 (removed in time): 2 / 4.
    expect(v.repairs_in_time_share).toEqual({ indicator_id: 'repairs_in_time_share', value: 0.5, met: false });
    expect(v.government_court_listed).toEqual({ indicator_id: 'government_court_listed', value: 1, met: false });
  });

  it('leaves the due date unknown where the calendar ends, and never calls such an item overdue', async () => {
    const late = penalty(co(12), '2026-06-01');
    world
      .deliver('penalties', [late])
      .deliver('repairs', [repair(12, '行政处罚', String(late['行政处罚决定书文号']), '2026-12-29')]);
    await world.ingest();
    // The calendar's last day, after today: a rehearsal build (--allow-future).
    const r = await build({
      dataDir: world.dir,
      asOf: '2026-12-31',
      config: loadConfig(),
      log: silentLog(),
      allowFuture: true,
    });
    expect(r.published).toBe(true);
    const item = (await items()).find((i) => i.item_id === `repair_decided:${eventId(late)}`);
    expect(item).toMatchObject({ trigger_date: '2026-12-29', due_date: null, status: 'pending' });
  });

  it('judges the time limit by the version in force on the day the clock starts', async () => {
    await world.build(AS_OF, {
      exits: {
        versions: [
          { from: null, source: 'test', time_limit_working_days: 3, serious_list_minimum: { years: 1 } },
          { from: '2025-11-01', source: 'test', time_limit_working_days: 5, serious_list_minimum: { years: 1 } },
        ],
      },
    });
    const byId = new Map((await items()).map((i) => [i.item_id, i]));
    expect(byId.get(`repair_decided:${eventId(repaired)}`)?.due_date).toBe('2025-10-10');
    expect(byId.get(`repair_decided:${eventId(repairedLate)}`)?.due_date).toBe('2025-11-10');
  });
});
