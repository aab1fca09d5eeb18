import { beforeAll, describe, expect, it } from 'vitest';
import { readQuarantine } from '../../pipelines/export/quarantine.js';
import { World, company, eventId, idNumber, penalty, uscc, type Rec } from './world.js';

const AS_OF = '2025-06-30';
const co = (n: number) => ({ uscc: uscc(n), name: `厦门测试${n}号有限公司` });
const recent = ['2025-01-10', '2025-03-01', '2025-05-20'];

// One hand-made county: each entity plants one rule and its boundary.
const register: Rec[] = [
  company(1, co(1).name, { 法定代表人: '张三', 法定代表人证件号码: idNumber(900) }),
  company(2, co(2).name, { 法定代表人: '张三', 法定代表人证件号码: idNumber(900) }),
  company(3, co(3).name),
  company(4, co(4).name, { 法定代表人: '张三', 法定代表人证件号码: idNumber(900) }),
  ...[5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 19].map((n) => company(n, co(n).name)),
  company(11, '厦门同名贸易有限公司'),
  company(12, '厦门同名贸易有限公司'),
];
const revokedLater = penalty(co(5), recent[2]!);
const repairedValid = penalty(co(6), '2025-01-10');
const repairedEarly = penalty(co(7), '2025-03-01');
const objectedOpen = penalty(co(8), recent[2]!);
const objectedClosedOnAsOf = penalty(co(9), recent[2]!);
const penalties: Rec[] = [
  ...recent.map((d) => penalty(co(1), d)),
  ...recent.slice(0, 2).map((d) => penalty(co(2), d)),
  penalty(co(3), '2024-06-30'),
  ...recent.slice(0, 2).map((d) => penalty(co(3), d)),
  penalty(co(4), '2024-07-01'),
  ...recent.slice(0, 2).map((d) => penalty(co(4), d)),
  ...recent.slice(0, 2).map((d) => penalty(co(5), d)),
  revokedLater,
  repairedValid,
  ...recent.slice(1).map((d) => penalty(co(6), d)),
  repairedEarly,
  penalty(co(7), '2025-01-10'),
  penalty(co(7), '2025-05-20'),
  ...recent.slice(0, 2).map((d) => penalty(co(8), d)),
  objectedOpen,
  ...recent.slice(0, 2).map((d) => penalty(co(9), d)),
  objectedClosedOnAsOf,
  // resolved by its unique register name: two with the USCC, one name only
  ...recent.slice(0, 2).map((d) => penalty(co(10), d)),
  penalty({ name: ` ${co(10).name} ` }, recent[2]!),
  // two register entities share this name: never resolved
  ...recent.map((d) => penalty({ name: '厦门同名贸易有限公司' }, d)),
  // a natural person carrying a USCC is still a natural person
  ...recent.map((d) =>
    penalty({ uscc: uscc(17), name: '李四' }, d, { 行政相对人类别: '自然人', 证件号码: idNumber(17) }),
  ),
  // three domains within 730 days (the first 729 days back) vs a third domain exactly 730 days back
  penalty(co(13), '2023-07-02', { domain: 'market' }),
  penalty(co(13), '2024-03-01', { domain: 'tax' }),
  penalty(co(13), '2025-02-01', { domain: 'environment' }),
  penalty(co(14), '2023-07-01', { domain: 'environment' }),
  penalty(co(14), '2024-03-01', { domain: 'market' }),
  penalty(co(14), '2025-02-01', { domain: 'tax' }),
  // severity boundaries
  penalty(co(16), '2023-11-30', { '罚款金额（万元）': 0.3 }),
  penalty(co(16), '2023-11-30', { '罚款金额（万元）': 0.3001 }),
  penalty(co(16), '2023-04-30', { 处罚类别: '吊销许可证件', '罚款金额（万元）': null }),
  penalty(co(16), '2023-05-01', { 处罚类别: '警告；吊销许可证件', '罚款金额（万元）': null }),
  penalty(co(16), '2023-05-02', { 处罚类别: '警告', 失信严重程度: '严重', '罚款金额（万元）': null }),
  penalty({ name: '王五' }, '2023-06-01', {
    行政相对人类别: '自然人',
    证件号码: idNumber(18),
    '罚款金额（万元）': 0.02,
  }),
  // 双公示 timeliness across the 2022 National Day holiday (decided 10-05; 10-08/09 are 调休 working days)
  penalty(co(15), '2022-10-05', { 上报日期: '2022-10-14', 数据来源单位: '厦门市海沧区统计局' }),
  penalty(co(15), '2022-10-05', { 上报日期: '2022-10-17', 数据来源单位: '厦门市海沧区统计局' }),
  // a repeat violator in two domains
  ...recent.map((d) => penalty(co(19), d, { domain: 'market' })),
  ...recent.map((d) => penalty(co(19), d, { domain: 'tax' })),
];
// A 双公示 row without its ★ decision number: quarantined, still one §7 record of its department.
const noDocNo = { ...penalty(co(3), '2025-05-06'), 行政处罚决定书文号: '' };

const world = new World();

beforeAll(async () => {
  world
    .deliver('enterprises', register)
    .deliver('penalties', penalties)
    .deliver('penalties', [{ ...revokedLater, 当前状态: '撤销' }])
    .deliver('penalties', [noDocNo], '20250510_行政处罚_缺文号.csv')
    .deliver('repairs', [
      {
        主体名称: co(6).name,
        统一社会信用代码: co(6).uscc,
        修复类型: '行政处罚',
        关联文书号: String(repairedValid['行政处罚决定书文号']),
        修复决定日期: '2025-04-10',
        修复机关: String(repairedValid['处罚机关']),
      },
      {
        主体名称: co(7).name,
        统一社会信用代码: co(7).uscc,
        修复类型: '行政处罚',
        关联文书号: String(repairedEarly['行政处罚决定书文号']),
        修复决定日期: '2025-05-31',
        修复机关: String(repairedEarly['处罚机关']),
      },
    ])
    .deliver('objections', [
      {
        主体名称: co(8).name,
        关联文书号: String(objectedOpen['行政处罚决定书文号']),
        异议提出日期: '2025-06-01',
        处理状态: '处理中',
      },
      {
        主体名称: co(9).name,
        关联文书号: String(objectedClosedOnAsOf['行政处罚决定书文号']),
        异议提出日期: '2025-06-01',
        处理状态: '维持',
        处理完成日期: AS_OF,
      },
    ])
    .deliver('screening_reports', [
      {
        通报文号: '海信通〔2025〕1号',
        通报日期: '2025-02-01',
        统一社会信用代码: co(1).uscc,
        通报类型: '同一领域频繁违法',
      },
      {
        通报文号: '海信通〔2025〕2号',
        通报日期: '2025-03-01',
        统一社会信用代码: co(13).uscc,
        通报类型: '多领域多次违法',
      },
    ])
    .deliver('serious_list', [
      {
        主体名称: co(15).name,
        统一社会信用代码: co(15).uscc,
        名单类型: '严重违法失信名单',
        列入日期: '2025-01-01',
        认定部门: '厦门市海沧区市场监督管理局',
      },
    ])
    .deliver(
      'key_projects',
      ['P1', 'P2', 'P3', 'P4'].map((id) => ({ 项目编号: id, 项目名称: `项目${id}`, 项目类型: '政府投资项目' })),
    )
    .deliver('project_parties', [
      { 项目编号: 'P1', 单位名称: co(1).name, 统一社会信用代码: co(1).uscc, 参与角色: '施工总承包' },
      { 项目编号: 'P2', 单位名称: co(2).name, 统一社会信用代码: co(2).uscc, 参与角色: '监理' },
      { 项目编号: 'P3', 单位名称: co(3).name.replace('3', '99'), 参与角色: '监理' },
      { 项目编号: 'P4', 单位名称: co(15).name, 统一社会信用代码: co(15).uscc, 参与角色: '建设单位' },
    ]);
  await world.ingest();
  await world.build(AS_OF);
}, 120_000);

const repeatUsccs = async () =>
  (await world.query<{ uscc: string }>(`select uscc from repeat_violators order by uscc`)).map((r) => r.uscc);

describe('repeat violators (rules.md §5)', () => {
  it('3 events in one domain flag an entity, 2 do not', async () => {
    const rows = await world.query(`select * from repeat_violators where uscc = ?`, [co(1).uscc]);
    expect(rows).toEqual([
      {
        uscc: co(1).uscc,
        name: co(1).name,
        domain: 'market',
        event_count: 3,
        first_event_date: '2025-01-10',
        last_event_date: '2025-05-20',
        event_ids: penalties.filter((p) => p['统一社会信用代码'] === co(1).uscc).map(eventId),
      },
    ]);
    expect(await repeatUsccs()).not.toContain(co(2).uscc);
  });

  it('events exactly 365 days before as-of are outside the window, 364 inside', async () => {
    const r = await repeatUsccs();
    expect(r).not.toContain(co(3).uscc);
    expect(r).toContain(co(4).uscc);
    const [row] = await world.query(`select first_event_date from repeat_violators where uscc = ?`, [co(4).uscc]);
    expect(row?.first_event_date).toBe('2024-07-01');
  });

  it('a penalty revoked by a later correction no longer counts', async () => {
    expect(await repeatUsccs()).not.toContain(co(5).uscc);
    const [e] = await world.query(`select not_counted_reason from int_events_judged where event_id = ?`, [
      eventId(revokedLater),
    ]);
    expect(e?.not_counted_reason).toBe('revoked');
  });

  it('a penalty repaired after its minimum period does not count', async () => {
    expect(await repeatUsccs()).not.toContain(co(6).uscc);
  });

  it('a penalty repaired before its minimum period still counts', async () => {
    expect(await repeatUsccs()).toContain(co(7).uscc);
    const [f] = await world.query(`select finding from repair_findings`);
    expect(f?.finding).toBe('repair_before_minimum_period');
  });

  it('an open objection stops a penalty counting; one completed on as-of is closed', async () => {
    const r = await repeatUsccs();
    expect(r).not.toContain(co(8).uscc);
    expect(r).toContain(co(9).uscc);
  });

  it('a name-only record resolves by its unique normalised register name', async () => {
    const [row] = await world.query(`select event_count from repeat_violators where uscc = ?`, [co(10).uscc]);
    expect(row?.event_count).toBe(3);
  });

  it('a name shared by two register entities stays unresolved and never flags', async () => {
    const r = await repeatUsccs();
    expect(r).not.toContain(co(11).uscc);
    expect(r).not.toContain(co(12).uscc);
    const n = await world.query(
      `select count(*)::integer as n from int_events_judged where not_counted_reason = 'unresolved'`,
    );
    expect(n[0]?.n).toBe(3);
  });

  it('a natural person is never flagged, even with a USCC on the record', async () => {
    expect(await repeatUsccs()).not.toContain(uscc(17));
  });
});

describe('cross-domain violators (rules.md §5)', () => {
  it('3 domains within 730 days flag an entity; a third domain exactly 730 days back does not', async () => {
    const rows = await world.query(`select uscc, domain_count, domains, event_count from cross_domain_violators`);
    expect(rows).toEqual([
      { uscc: co(13).uscc, domain_count: 3, domains: ['environment', 'market', 'tax'], event_count: 3 },
    ]);
  });

  it('each flag carries a Chinese explanation', async () => {
    const rows = await world.query<{ explanation: string }>(
      `select explanation from flag_explanations where uscc = ? and flag = 'repeat_violator'`,
      [co(1).uscc],
    );
    expect(rows.map((r) => r.explanation)).toEqual(['近365天内在市场监管领域被处罚3次']);
  });
});

describe('persistent violators and legal-representative links (rules.md §5)', () => {
  it('a reported violator with a counted event after the report is persistent; one without is not', async () => {
    const rows = await world.query(`select * from persistent_violators`);
    expect(rows).toEqual([{ uscc: co(1).uscc, name: co(1).name, report_date: '2025-02-01', events_after_report: 2 }]);
  });

  it('links a person heading two violators, counting only the qualifying entities', async () => {
    const rows = await world.query(`select * from legal_rep_links`);
    const id = idNumber(900);
    expect(rows).toEqual([
      {
        person_id_masked: `${id.slice(0, 6)}********${id.slice(14)}`,
        legal_rep_name: '张三',
        entity_count: 2,
        usccs: [co(1).uscc, co(4).uscc].sort(),
      },
    ]);
  });
});

describe('severity and publication (rules.md §3)', () => {
  const severityOf = async (date: string) =>
    await world.query<{ severity: string; fine_yuan: number | null }>(
      `select severity, fine_yuan from int_penalties_assessed where decision_date = ?::date order by fine_yuan nulls last, categories`,
      [date],
    );

  it('a fine of exactly 3,000 yuan alone is minor; one yuan more is general', async () => {
    expect((await severityOf('2023-11-30')).map((r) => r.severity)).toEqual(['轻微', '一般']);
  });

  it('a revoking category makes a penalty serious; the severity column overrides the categories', async () => {
    expect((await severityOf('2023-04-30'))[0]?.severity).toBe('严重');
    expect((await severityOf('2023-05-02'))[0]?.severity).toBe('严重');
  });

  it('the rule version in force on the decision date sets the serious minimum (6 months before Order 58, 1 year from it)', async () => {
    const rows = await world.query(
      `select decision_date, minimum_end_date, maximum_end_date from int_penalties_assessed where decision_date in ('2023-04-30', '2023-05-01') order by decision_date`,
    );
    expect(rows).toEqual([
      { decision_date: '2023-04-30', minimum_end_date: '2023-10-30', maximum_end_date: '2026-04-30' },
      { decision_date: '2023-05-01', minimum_end_date: '2024-05-01', maximum_end_date: '2026-05-01' },
    ]);
  });

  it('month arithmetic clamps to the month end (2023-11-30 + 3 months = 2024-02-29)', async () => {
    const rows = await world.query(
      `select minimum_end_date from int_penalties_assessed where decision_date = '2023-11-30' and severity = '一般'`,
    );
    expect(rows).toEqual([{ minimum_end_date: '2024-02-29' }]);
  });

  it('a natural person fined 200 yuan is minor', async () => {
    expect((await severityOf('2023-06-01'))[0]?.severity).toBe('轻微');
  });
});

describe('key projects (rules.md §6)', () => {
  it('a project takes the highest level of its parties’ signals', async () => {
    const rows = await world.query(`select project_id, risk_level, signals from key_project_risk order by project_id`);
    expect(rows).toEqual([
      {
        project_id: 'P1',
        risk_level: 'orange',
        signals: [`counted_penalty@${co(1).uscc}`, `repeat_violator@${co(1).uscc}`],
      },
      { project_id: 'P2', risk_level: 'yellow', signals: [`counted_penalty@${co(2).uscc}`] },
      { project_id: 'P3', risk_level: 'green', signals: [] },
      { project_id: 'P4', risk_level: 'red', signals: [`serious_list@${co(15).uscc}`] },
    ]);
  });
});

describe('双公示 quality (rules.md §7)', () => {
  it('a report on the 7th working day after the decision is timely, on the 8th late, across adjusted working days', async () => {
    const rows = await world.query(
      `select department, month, records, timely, timely_rate, rank from publicity_quality where month = '2022-10'`,
    );
    expect(rows).toEqual([
      { department: '厦门市海沧区统计局', month: '2022-10', records: 2, timely: 1, timely_rate: 0.5, rank: 1 },
    ]);
  });
});

describe('configuration drives the rules', () => {
  it('lowering the repeat threshold from 3 to 2 flags the entity with 2 events', async () => {
    await world.build(AS_OF, { flags: { repeat_min_events: 2 } });
    const r = await repeatUsccs();
    expect(r).toContain(co(2).uscc);
    await world.build(AS_OF);
    expect(await repeatUsccs()).not.toContain(co(2).uscc);
  });
});

describe('warnings (rules.md §9)', () => {
  it('a warning is new in its first build, ongoing in the next, and resolved once it ends', async () => {
    const status = async (id: string) =>
      (
        await world.query<{ status: string; first_seen: string }>(
          `select status, first_seen from warnings where warning_id = ?`,
          [id],
        )
      )[0];
    const id = `repeat_violator:${co(1).uscc}`;
    await world.build('2025-07-01');
    expect(await status(id)).toEqual({ status: 'ongoing', first_seen: AS_OF });
    await world.build('2026-06-01');
    expect(await status(id)).toEqual({ status: 'resolved', first_seen: AS_OF });
  });
});

describe('warning ids and evidence (rules.md §9, docs/rules.md)', () => {
  it('an entity repeating in two domains has one repeat warning with the events of both, by date then id', async () => {
    await world.build(AS_OF);
    const rows = await world.query<{ warning_id: string; evidence: string[] }>(
      `select warning_id, evidence from warnings where kind = 'repeat_violator' and subject_id = ?`,
      [co(19).uscc],
    );
    const mine = penalties.filter((p) => p['统一社会信用代码'] === co(19).uscc);
    const byDateThenId = mine
      .map((p) => ({ date: String(p['处罚决定日期']), id: eventId(p) }))
      .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((e) => e.id);
    expect(rows).toEqual([{ warning_id: `repeat_violator:${co(19).uscc}`, evidence: byDateThenId }]);
  });

  it('a quarantined 双公示 row is named by the source, file and row the quarantine export shows', async () => {
    const [q] = (await readQuarantine(world.dir)).filter((r) => r.file === '20250510_行政处罚_缺文号.csv');
    expect(q?.reason).toBe('missing_required:行政处罚决定书文号');
    const ids = await world.query<{ record_id: string; is_compliant: boolean }>(
      `select record_id, is_compliant from int_publicity_records where is_quarantined`,
    );
    expect(ids).toEqual([{ record_id: `quarantine:penalties/${q!.file}#${q!.row_number}`, is_compliant: false }]);
  });
});
