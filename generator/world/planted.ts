import type { Rng } from '../prng.js';
import { companyName, personName, shopName, tradeName } from '../names.js';
import { norm, normDocNo } from '../../lib/validate/text.js';
import type { Authority } from '../authorities.js';
import { COURT } from '../authorities.js';
import { makeUscc, makeIdNumber } from '../ids.js';
import { DEFAULT_DIRT } from '../dirt.js';
import { addDays } from '../../lib/dates.js';
import { makePenalty, type PenaltyContext } from './penalties.js';
import { personSubject } from './subjects.js';
import { nthWorkdayAfter, weekdayHolidays, adjustedWorkdays } from '../workdays.js';
import type { Entity, Penalty, SubjectAsDelivered, World } from './types.js';
import { plantExitCases } from './plantedExits.js';
import { plantListCases } from './plantedLists.js';

/** One planted boundary case: what it is, why it is there, and what the rules must conclude. */
export interface PlantedCase {
  case: string;
  why: string;
  usccs: string[];
  expect: Record<string, unknown>;
}

export interface PlantContext {
  rng: Rng;
  authorities: readonly Authority[];
  regions: readonly string[];
  nextId: () => number;
  docSeq: Map<string, number>;
  /** The world's identifier offset (build.ts), so planted USCCs stay unique across a province's shards. */
  idBase: number;
  /**
   * Set for the demo: planted entities, people and projects get names like the rest of the county's instead
   * of the fixture names that say what they test (厦门海沧边界屡禁不止有限公司, 边界red项目). The cases and
   * the answers are the same; the test worlds keep the telling names (and their answer keys) unchanged.
   */
  believableNames?: Rng;
}

/** Names for planted cases: the fixture's telling name, or a believable one unique in the world. */
/** A district body of the demo county: a bureau (机关) or a service centre (事业单位). */
function governmentBodyName(rng: Rng, kind: '机关' | '事业单位'): string {
  return kind === '机关'
    ? `厦门市海沧区${rng.pick(['农业农村', '城市管理', '交通运输', '文化和旅游', '水利'])}局`
    : `厦门市海沧区${rng.pick(['市政园林', '环境卫生', '社区卫生', '公共资源', '劳动就业'])}服务中心`;
}

function planter(world: World, rng: Rng | undefined) {
  const taken = new Set(world.entities.map((e) => e.name));
  const chosen = new Map<string, string>();
  let serial = 900;
  const unique = (make: () => string) => {
    let n = make();
    while (taken.has(n)) n = make();
    taken.add(n);
    return n;
  };
  return {
    /** The same fixture name always gets the same believable name (two entities planted to share one). */
    entity(fixture: string, kind: Entity['kind']): string {
      if (!rng) return fixture;
      const known = chosen.get(fixture);
      if (known) return known;
      if (kind === '机关' || kind === '事业单位') {
        const body = unique(() => governmentBodyName(rng, kind));
        chosen.set(fixture, body);
        return body;
      }
      const shop = kind === '个体工商户';
      const name = unique(() =>
        shop
          ? shopName(rng, rng.pick(['便利店', '小吃店', '五金店', '茶行']), ++serial)
          : companyName(rng, rng.pick(['贸易', '商贸', '建设工程', '物流']), ++serial),
      );
      chosen.set(fixture, name);
      return name;
    },
    person(fixture: string): string {
      return rng ? personName(rng) : fixture;
    },
    project(fixture: string): string {
      return rng ? `海沧${tradeName(rng)}${rng.pick(['片区配套道路', '厂房', '安置房', '综合体'])}项目` : fixture;
    },
  };
}

/**
 * Boundary cases (issue item 4), planted on entities of their own so no random event disturbs
 * them. Each is recorded with why it exists and what the rules must conclude about it.
 */
export function plantCases(world: World, ctx: PlantContext): PlantedCase[] {
  const A = world.asOf;
  const cases: PlantedCase[] = [];
  const auth = (domain: string) => ctx.authorities.find((a) => a.domain === domain) as Authority;
  const pctx: PenaltyContext = {
    rng: ctx.rng,
    authorities: ctx.authorities,
    dirt: { ...DEFAULT_DIRT },
    start: world.start,
    asOf: A,
    docSeq: ctx.docSeq,
    nextId: ctx.nextId,
  };
  let serial = 0;
  const names = planter(world, ctx.believableNames);
  const entity = (label: string, kind: Entity['kind'] = '企业', repIdx?: number, name?: string): Entity => {
    const idx = world.entities.length;
    let rep = repIdx;
    if (rep === undefined) {
      rep = world.persons.length;
      const person = names.person(`测试代表${++serial}`);
      world.persons.push({ idx: rep, name: person, idNumber: makeIdNumber(ctx.idBase + rep) });
    }
    const e: Entity = {
      idx,
      uscc: makeUscc(kind === '个体工商户' ? '92' : '91', '350205', 80_000_000 + ctx.idBase + idx),
      name: names.entity(name ?? `厦门海沧边界${label}有限公司`, kind),
      formerName: null,
      kind,
      section: 'F',
      industryCode: 'F5212',
      region: ctx.regions[idx % ctx.regions.length] as string,
      founded: addDays(A, -3000),
      capitalWan: kind === '个体工商户' ? null : 100,
      status: '存续',
      repIdx: rep,
      inRegister: true,
    };
    world.entities.push(e);
    return e;
  };
  const subj = (e: Entity, uscc = e.uscc): SubjectAsDelivered => ({
    entityIdx: e.idx,
    personIdx: null,
    kind: e.kind === '个体工商户' ? '个体工商户' : '法人及非法人组织',
    name: e.name,
    uscc,
  });
  const pen = (
    e: Entity | SubjectAsDelivered,
    domain: string,
    daysBefore: number,
    cats: string[] = ['罚款'],
  ): Penalty => {
    const s = 'idx' in e ? subj(e) : e;
    const p = makePenalty(pctx, s, auth(domain), addDays(A, -daysBefore), cats);
    if (p.fineWan === null && cats.includes('罚款')) p.fineWan = 0.5;
    // A planted event must be in the inbox at as-of: a report after as-of would not be delivered yet.
    if (p.report > A) p.report = A;
    world.penalties.push(p);
    return p;
  };
  const add = (c: string, why: string, es: Entity[], expect: Record<string, unknown>) =>
    cases.push({ case: c, why, usccs: es.map((e) => e.uscc), expect });

  // Counting thresholds and windows (rules.md §5).
  const three = entity('三次');
  [200, 100, 10].forEach((d) => pen(three, 'market', d));
  add('repeat_three_events', '3 counted events in one domain within 365 days: the threshold is met', [three], {
    repeat_violator: ['market'],
  });
  const two = entity('两次');
  [200, 10].forEach((d) => pen(two, 'market', d));
  add('repeat_two_events', 'only 2 events in one domain: one short of the threshold', [two], { repeat_violator: [] });
  const d364 = entity('三六四天');
  [364, 100, 10].forEach((d) => pen(d364, 'safety', d));
  add('window_364_days', 'the oldest event is 364 days before as-of: inside the trailing-365 window', [d364], {
    repeat_violator: ['safety'],
  });
  const d365 = entity('三六五天');
  [365, 100, 10].forEach((d) => pen(d365, 'safety', d));
  add('window_365_days', 'the oldest event is exactly 365 days before as-of: outside (as-of − 365 < d)', [d365], {
    repeat_violator: [],
  });
  const cross3 = entity('三领域');
  pen(cross3, 'market', 700);
  pen(cross3, 'tax', 400);
  pen(cross3, 'fire', 20);
  add('cross_three_domains', 'events in 3 domains within 730 days', [cross3], { cross_domain_violator: true });
  const cross2 = entity('两领域');
  pen(cross2, 'market', 700);
  pen(cross2, 'tax', 400);
  pen(cross2, 'tax', 20);
  add('cross_two_domains', 'events in only 2 domains within 730 days', [cross2], { cross_domain_violator: false });
  const cross730 = entity('七三零天');
  pen(cross730, 'market', 730);
  pen(cross730, 'tax', 400);
  pen(cross730, 'fire', 20);
  add('cross_730_days', "the third domain's event is exactly 730 days old: outside the window", [cross730], {
    cross_domain_violator: false,
  });

  // Events that do not count (rules.md §4).
  const revoked = entity('撤销');
  [150, 80].forEach((d) => pen(revoked, 'market', d));
  pen(revoked, 'market', 30).correction = { status: '撤销' };
  add(
    'revoked_penalty',
    'the third penalty is revoked in a later delivery (当前状态 撤销): 2 counted events',
    [revoked],
    { repeat_violator: [] },
  );
  const validRepair = entity('有效修复');
  [300, 100].forEach((d) => pen(validRepair, 'urban_management', d));
  const repaired = pen(validRepair, 'urban_management', 200, ['罚款']);
  const repairedOn = addDays(repaired.decision, 100);
  world.repairs.push({
    id: ctx.nextId(),
    subject: subj(validRepair),
    type: '行政处罚',
    docNo: repaired.docNo,
    decision: repairedOn,
    authority: repaired.authority,
  });
  add(
    'valid_repair',
    'one of 3 penalties repaired 100 days after its decision (一般: minimum 3 months): 2 counted',
    [validRepair],
    { repeat_violator: [] },
  );
  const earlyRepair = entity('过早修复');
  [300, 100].forEach((d) => pen(earlyRepair, 'urban_management', d));
  const early = pen(earlyRepair, 'urban_management', 200, ['罚款']);
  world.repairs.push({
    id: ctx.nextId(),
    subject: subj(earlyRepair),
    type: '行政处罚',
    docNo: early.docNo,
    decision: addDays(early.decision, 30),
    authority: early.authority,
  });
  add(
    'too_early_repair',
    'a repair 30 days after a 一般 decision is before the 3-month minimum: ignored, 3 counted',
    [earlyRepair],
    { repeat_violator: ['urban_management'] },
  );
  const openObj = entity('异议未结');
  [300, 100].forEach((d) => pen(openObj, 'fire', d));
  const objected = pen(openObj, 'fire', 50);
  world.objections.push({
    id: ctx.nextId(),
    subject: subj(openObj),
    docNo: objected.docNo,
    raised: addDays(A, -20),
    state: '处理中',
    completed: null,
  });
  add('open_objection', 'an objection raised 20 days ago is still open: that penalty does not count', [openObj], {
    repeat_violator: [],
  });
  const closedObj = entity('异议已结');
  [300, 100].forEach((d) => pen(closedObj, 'fire', d));
  const closed = pen(closedObj, 'fire', 50);
  world.objections.push({
    id: ctx.nextId(),
    subject: subj(closedObj),
    docNo: closed.docNo,
    raised: addDays(A, -40),
    state: '维持',
    completed: addDays(A, -10),
  });
  add('closed_objection', 'an objection closed (维持) before as-of: the penalty counts again', [closedObj], {
    repeat_violator: ['fire'],
  });
  const dayOfObj = entity('异议当日');
  [300, 100].forEach((d) => pen(dayOfObj, 'fire', d));
  const dayOf = pen(dayOfObj, 'fire', 50);
  world.objections.push({
    id: ctx.nextId(),
    subject: subj(dayOfObj),
    docNo: dayOf.docNo,
    raised: addDays(A, -40),
    state: '维持',
    completed: A,
  });
  add(
    'objection_closed_on_as_of',
    'completed on as-of itself: the completion day is closed, so it counts',
    [dayOfObj],
    { repeat_violator: ['fire'] },
  );

  // Court cases (domain judicial).
  const courtRemoved = entity('法院移除');
  const courtKept = entity('法院三案');
  for (const [e, removeOne] of [
    [courtRemoved, true],
    [courtKept, false],
  ] as const) {
    [250, 120, 15].forEach((d, i) => {
      world.courtCases.push({
        id: ctx.nextId(),
        caseNo: `（${addDays(A, -d).slice(0, 4)}）闽0205执${9000 + e.idx * 3 + i}号`,
        subject: subj(e),
        court: COURT,
        published: addDays(A, -d),
        removed: removeOne && i === 1 ? addDays(A, -5) : null,
        snapshotRemoved: null,
        idNumber: null,
      });
    });
  }
  add('court_case_removed', 'one of 3 court cases removed 5 days before as-of: 2 counted', [courtRemoved], {
    repeat_violator: [],
  });
  add('court_cases_three', '3 court cases, none removed: repeat violator in judicial', [courtKept], {
    repeat_violator: ['judicial'],
  });

  // Natural persons are never flagged.
  const person = world.persons[0];
  if (person) {
    for (const d of [200, 100, 10]) {
      const p = makePenalty(pctx, personSubject(person), auth('public_security'), addDays(A, -d), ['罚款']);
      world.penalties.push(p);
    }
    cases.push({
      case: 'natural_person',
      why: 'a natural person with 3 penalties in one domain: never flagged',
      usccs: [],
      expect: { person_id: person.idNumber.slice(0, 6), flagged: false },
    });
  }
  const shop = entity('个体户', '个体工商户', undefined, '厦门市海沧区边界个体户便利店');
  for (const d of [200, 100, 10]) {
    world.penalties.push(
      makePenalty(pctx, { ...subj(shop), kind: '自然人' }, auth('market'), addDays(A, -d), ['罚款']),
    );
  }
  add(
    'natural_person_with_uscc',
    '3 penalties whose 行政相对人类别 is 自然人 though they carry a USCC: natural-person records',
    [shop],
    { repeat_violator: [] },
  );

  // Identity resolution by name (rules.md §1).
  const byName = entity('按名称');
  [200, 100, 10].forEach((d) => pen({ ...subj(byName, '') }, 'transport', d));
  add(
    'resolves_by_name',
    '3 penalties without a USCC; the name is unique in the register: resolved, flagged',
    [byName],
    { repeat_violator: ['transport'] },
  );
  const twinA = entity('同名甲', '个体工商户', undefined, '厦门市海沧区同名重名小吃店');
  const twinB = entity('同名乙', '个体工商户', undefined, '厦门市海沧区同名重名小吃店');
  [200, 100, 10].forEach((d) => pen({ ...subj(twinA, '') }, 'market', d));
  add(
    'duplicate_name_unresolved',
    'two register entities share the name: the name-only penalties stay unresolved',
    [twinA, twinB],
    { repeat_violator: [] },
  );
  const broken = entity('错码');
  [200, 100, 10].forEach((d) =>
    pen({ ...subj(broken, broken.uscc.slice(0, 17) + (broken.uscc.endsWith('0') ? '1' : '0')) }, 'health', d),
  );
  add('invalid_uscc_resolves_by_name', 'penalties with a wrong check character resolve by the unique name', [broken], {
    repeat_violator: ['health'],
  });

  // Severity from the column and from the categories (rules.md §3), seen through project signals.
  const sevColumn = entity('程度列');
  const sc = pen(sevColumn, 'market', 30, ['警告']);
  sc.severityColumn = '严重';
  const sevCats = entity('吊销');
  pen(sevCats, 'market', 40, ['吊销许可证件']);
  const minor = entity('轻微罚款');
  pen(minor, 'market', 40, ['罚款']).fineWan = 0.3;
  add('severity_from_column', '警告 alone is 轻微, but the 失信严重程度 column says 严重 and wins', [sevColumn], {
    severe_penalty: true,
  });
  add('severity_from_categories', '吊销许可证件 without a column: 严重 from its category', [sevCats], {
    severe_penalty: true,
  });
  add(
    'severity_minor_fine',
    'a fine of 3,000 yuan exactly (0.3 万元) for an organisation: 轻微 (bound included)',
    [minor],
    { severe_penalty: false },
  );

  // Legal representatives heading several qualifying entities.
  const repIdx = three.repIdx;
  const sibling = entity('同代表', '企业', repIdx);
  [150, 60, 5].forEach((d) => pen(sibling, 'environment', d));
  const cleanSibling = entity('同代表无违法', '企业', d364.repIdx);
  add('legal_rep_link', 'one person heads two repeat violators: a link with entity_count 2', [three, sibling], {
    legal_rep_link: 2,
  });
  add('legal_rep_no_link', 'a person heading one violator and one clean entity: no link', [d364, cleanSibling], {
    legal_rep_link: 0,
  });

  // Persistent violators: a screening report, then more events (rules.md §5).
  const persistent = entity('屡禁不止');
  [300, 250, 200, 30].forEach((d) => pen(persistent, 'tax', d));
  world.screening.push({
    reportNo: `厦海信通〔${addDays(A, -180).slice(0, 4)}〕1号`,
    date: addDays(A, -180),
    entityIdx: persistent.idx,
    type: '同一领域频繁违法',
    domain: 'tax',
  });
  const notPersistent = entity('通报后无新');
  [300, 250, 200].forEach((d) => pen(notPersistent, 'tax', d));
  world.screening.push({
    reportNo: `厦海信通〔${addDays(A, -180).slice(0, 4)}〕1号`,
    date: addDays(A, -180),
    entityIdx: notPersistent.idx,
    type: '同一领域频繁违法',
    domain: 'tax',
  });
  add('persistent_violator', 'reported 180 days ago, a new event 30 days ago, still a repeat violator', [persistent], {
    persistent_violator: true,
    events_after_report: 1,
  });
  add('reported_without_new_events', 'reported 180 days ago with no event since', [notPersistent], {
    persistent_violator: false,
  });

  // Every project risk level.
  const red = entity('严重失信');
  world.lists.push({
    id: ctx.nextId(),
    list: 'serious',
    subject: subj(red),
    type: '严重违法失信名单',
    authority: '厦门市市场监督管理局',
    docNo: `厦信认〔${A.slice(0, 4)}〕9001号`,
    listed: addDays(A, -90),
    removed: null,
    snapshotRemoved: null,
    reason: '经认定存在严重失信行为',
  });
  const orange = entity('纳税D级');
  world.taxGrades.push({ entityIdx: orange.idx, year: Number(A.slice(0, 4)) - 2, grade: 'D', evaluated: null });
  const yellow = entity('经营异常');
  world.lists.push({
    id: ctx.nextId(),
    list: 'attention',
    subject: subj(yellow),
    type: '经营异常名录',
    authority: '厦门市海沧区市场监督管理局',
    docNo: `厦海异〔${A.slice(0, 4)}〕9001号`,
    listed: addDays(A, -60),
    removed: null,
    snapshotRemoved: null,
    reason: '未按规定公示年度报告',
  });
  const green = entity('无信号');
  const project = (n: number, e: Entity, level: string) => {
    const id = `HCP${String(n).padStart(4, '0')}`;
    world.projects.push({
      id,
      name: names.project(`边界${level}项目`),
      type: '重点建设项目',
      region: e.region,
      industryCode: 'E48',
      investmentWan: 10000,
      start: addDays(A, -200),
      plannedEnd: addDays(A, 500),
      status: '在建',
      department: '厦门市海沧区发展和改革局',
      parties: [
        { entityIdx: e.idx, name: e.name, uscc: e.uscc, role: '施工总承包' },
        { entityIdx: green.idx, name: green.name, uscc: green.uscc, role: '监理' },
      ],
    });
    cases.push({
      case: `project_${level}`,
      why: `a project whose worst party signal is ${level}`,
      usccs: [e.uscc],
      expect: { project_id: id, risk_level: level },
    });
  };
  project(1, red, 'red');
  project(2, orange, 'orange');
  project(3, yellow, 'yellow');
  project(4, green, 'green');

  // Full snapshots (sources.md): one entry per list source that the next 全量 file leaves out.
  const gone = entity('全量移出');
  world.lists.push({
    id: ctx.nextId(),
    list: 'serious',
    subject: subj(gone),
    type: '严重违法失信名单',
    authority: '厦门市市场监督管理局',
    docNo: `厦信认〔${addDays(A, -300).slice(0, 4)}〕9002号`,
    listed: addDays(A, -300),
    removed: null,
    snapshotRemoved: null,
    omitFromSnapshot: true,
    reason: '经认定存在严重失信行为',
  });
  world.lists.push({
    id: ctx.nextId(),
    list: 'attention',
    subject: subj(gone),
    type: '经营异常名录',
    authority: '厦门市海沧区市场监督管理局',
    docNo: `厦海异〔${addDays(A, -300).slice(0, 4)}〕9002号`,
    listed: addDays(A, -300),
    removed: null,
    snapshotRemoved: null,
    omitFromSnapshot: true,
    reason: '未按规定公示年度报告',
  });
  world.courtCases.push({
    id: ctx.nextId(),
    caseNo: `（${addDays(A, -300).slice(0, 4)}）闽0205执9999号`,
    subject: subj(gone),
    court: COURT,
    published: addDays(A, -300),
    removed: null,
    snapshotRemoved: null,
    omitFromSnapshot: true,
    idNumber: null,
  });

  // Timeliness: reports on exactly the 7th and the 8th working day, across holidays and 调休 days.
  const tim = auth('statistics');
  const holidays = weekdayHolidays(world.start, addDays(A, -30));
  const adjusted = adjustedWorkdays(world.start, addDays(A, -30));
  const aroundHoliday = holidays.length > 0 ? addDays(holidays[0] as string, -1) : addDays(A, -100);
  const beforeAdjusted = adjusted.length > 0 ? addDays(adjusted[0] as string, -3) : addDays(A, -90);
  for (const [label, decision] of [
    ['holiday', aroundHoliday],
    ['adjusted_working_day', beforeAdjusted],
  ] as const) {
    for (const n of [7, 8]) {
      const host = entity(`时效${label}${n}`);
      const p = makePenalty(pctx, subj(host), tim, decision, ['警告']);
      p.report = nthWorkdayAfter(decision, n);
      world.penalties.push(p);
      cases.push({
        case: `report_day_${n}_${label}`,
        why:
          `decided ${decision}, reported on the ${n}th working day (${p.report}) ` +
          (label === 'holiday' ? 'across a statutory holiday' : 'across an adjusted working day'),
        usccs: [host.uscc],
        expect: {
          timely: n <= 7,
          department: tim.name,
          month: decision.slice(0, 7),
          record_id: `penalties:${norm(p.authority)}|${normDocNo(p.docNo)}`,
        },
      });
    }
  }

  // Credit grades (docs/rules.md "Credit grades", the default scorecard): entities planted above, whose
  // records already decide their grade, so the other datasets stay as they were.
  add('grade_d_serious_list', 'an active serious-list entry puts the entity straight to grade D', [red], {
    grade: 'D',
  });
  add(
    'grade_c_penalties',
    'one counted 严重 penalty (吊销许可证件, 40 days ago) in the trailing 365 days: 100 − 25 = 75, grade C',
    [sevCats],
    { grade: 'C' },
  );
  add('grade_a_clean', 'no factor at all: the base score 100, grade A', [green], { grade: 'A' });
  // The exits worklist and government integrity (issue 14 §2, §4), on penalties planted above and on
  // subjects of their own outside the register (plantedExits.ts).
  const ended = world.penalties.find((p) => p.subject.entityIdx === cross3.idx && p.decision === addDays(A, -700));
  cases.push(
    ...plantExitCases(world, {
      idBase: ctx.idBase,
      nextId: ctx.nextId,
      ended: ended as Penalty,
      repaired: { penalty: repaired, repairDate: repairedOn },
      name: (fixture, kind) => names.entity(fixture, kind),
    }),
  );
  // The red and black lists (issue 14 §3): entities whose records above already place them (plantedLists.ts).
  cases.push(...plantListCases(world, { serious: red, persistent }));
  return cases;
}
