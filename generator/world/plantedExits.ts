import { addDays } from '../../lib/dates.js';
import { norm, normDocNo } from '../../lib/validate/text.js';
import { COURT } from '../authorities.js';
import { makeUscc } from '../ids.js';
import { nthWorkdayAfter } from '../workdays.js';
import { addMonths, severityOf } from '../answers/rules.js';
import { monthMinus } from './utilities.js';
import type { PlantedCase } from './planted.js';
import type { Entity, MarketKind, Penalty, SubjectAsDelivered, World } from './types.js';

/**
 * Planted cases of the exits worklist and of government integrity (docs/rules.md "Exits and repairs",
 * "Government integrity"). The penalty cases name penalties planted before them (a new penalty would add a
 * 双公示 record and change publicity-quality); the new subjects are outside the local register and carry
 * only the records they are planted for (no random utilities, a water account only where arrears are the
 * point, every 账期 of it older than the trailing year), so every other answer stays as it was.
 */
export interface ExitPlantContext {
  idBase: number;
  nextId: () => number;
  /** A penalty planted earlier whose publication (一般: one year) ended inside the lookback year. */
  ended: Penalty;
  /** A penalty planted earlier with a valid repair before its publication end. */
  repaired: { penalty: Penalty; repairDate: string };
  /** The name a subject gets: the telling fixture name in test worlds, a believable one in the demo. */
  name: (fixture: string, kind: MarketKind) => string;
}

const LIST_AUTHORITY = '厦门市市场监督管理局';

export function plantExitCases(world: World, ctx: ExitPlantContext): PlantedCase[] {
  const A = world.asOf;
  const cases: PlantedCase[] = [];
  const outsider = (label: string, prefix: string, kind: MarketKind): Entity => {
    const idx = world.entities.length;
    const e: Entity = {
      idx,
      uscc: makeUscc(prefix, '350205', 80_000_000 + ctx.idBase + idx),
      name: ctx.name(`厦门海沧边界${label}`, kind),
      formerName: null,
      kind,
      section: 'S',
      industryCode: 'S9221',
      region: '350205001',
      founded: addDays(A, -5000),
      capitalWan: null,
      status: '存续',
      repIdx: 0,
      inRegister: false,
      utilities: [],
    };
    world.entities.push(e);
    return e;
  };
  const subject = (e: Entity): SubjectAsDelivered => ({
    entityIdx: e.idx,
    personIdx: null,
    kind: '法人及非法人组织',
    name: e.name,
    uscc: e.uscc,
  });
  const penaltyId = (p: Penalty) => `penalties:${norm(p.authority)}|${normDocNo(p.docNo)}`;

  const endedOn = addMonths(ctx.ended.decision, severityOf(ctx.ended) === '严重' ? 36 : 12);
  cases.push({
    case: 'exit_publication_ended',
    why: `a 一般 penalty decided ${ctx.ended.decision}: its one-year publication ended ${endedOn}, inside the lookback year`,
    usccs: [world.entities[ctx.ended.subject.entityIdx as number]!.uscc],
    expect: {
      item_id: `publication_ended:${penaltyId(ctx.ended)}`,
      trigger_date: endedOn,
      due_date: nthWorkdayAfter(endedOn, 3),
      status: 'overdue',
    },
  });
  const r = ctx.repaired;
  cases.push({
    case: 'exit_repair_decided',
    why: `repaired ${r.repairDate}, before its publication end: it must come down within 3 working days`,
    usccs: [world.entities[r.penalty.subject.entityIdx as number]!.uscc],
    expect: {
      item_id: `repair_decided:${penaltyId(r.penalty)}`,
      trigger_date: r.repairDate,
      due_date: nthWorkdayAfter(r.repairDate, 3),
      status: 'overdue',
    },
  });

  // Serious-list entries with a repair: past the minimum year (overdue; removed in time) and before it.
  const serious = (label: string, listedAgo: number, repairedAgo: number, removeInTime: boolean) => {
    const e = outsider(`${label}有限公司`, '91', '企业');
    const listed = addDays(A, -listedAgo);
    const repair = addDays(A, -repairedAgo);
    const docNo = `厦信认〔${listed.slice(0, 4)}〕${9100 + cases.length}号`;
    const trigger = addMonths(listed, 12) > repair ? addMonths(listed, 12) : repair;
    const due = nthWorkdayAfter(trigger, 3);
    world.lists.push({
      id: ctx.nextId(),
      list: 'serious',
      subject: subject(e),
      type: '严重违法失信名单',
      authority: LIST_AUTHORITY,
      docNo,
      listed,
      removed: removeInTime ? due : null,
      snapshotRemoved: null,
      reason: '经认定存在严重失信行为',
    });
    world.repairs.push({
      id: ctx.nextId(),
      subject: subject(e),
      type: '严重失信主体名单',
      docNo,
      decision: repair,
      authority: LIST_AUTHORITY,
    });
    return { e, listed, trigger, due };
  };
  const overdue = serious('名单修复逾期', 500, 60, false);
  cases.push({
    case: 'exit_serious_list_repaired',
    why: 'listed 500 days ago, repaired 60 days ago (past the one-year minimum), still listed: overdue',
    usccs: [overdue.e.uscc],
    expect: {
      item_id: `serious_list_repaired:serious_list:${norm(LIST_AUTHORITY)}|${norm('严重违法失信名单')}|${overdue.e.uscc}|${overdue.listed}`,
      trigger_date: overdue.trigger,
      due_date: overdue.due,
      status: 'overdue',
    },
  });
  const inTime = serious('名单按时移出', 450, 50, true);
  cases.push({
    case: 'exit_serious_list_removed_in_time',
    why: 'repaired 50 days ago and removed by its authority on the 3rd working day: done in time',
    usccs: [inTime.e.uscc],
    expect: {
      item_id: `serious_list_repaired:serious_list:${norm(LIST_AUTHORITY)}|${norm('严重违法失信名单')}|${inTime.e.uscc}|${inTime.listed}`,
      trigger_date: inTime.trigger,
      due_date: inTime.due,
      status: 'done',
      completed_date: inTime.due,
    },
  });
  const early = serious('名单未满一年', 200, 30, false);
  cases.push({
    case: 'exit_serious_list_before_minimum',
    why: 'listed 200 days ago and repaired: its minimum year ends after as-of, so no item yet',
    usccs: [early.e.uscc],
    expect: { items: 0, trigger_date: early.trigger },
  });

  // Government bodies (USCC 11 机关, 12 事业单位): one on the court list, one with water arrears.
  const organ = outsider('区某局', '11', '机关');
  const caseNo = `（${addDays(A, -40).slice(0, 4)}）闽0205执${9800 + organ.idx}号`;
  world.courtCases.push({
    id: ctx.nextId(),
    caseNo,
    subject: subject(organ),
    court: COURT,
    published: addDays(A, -40),
    removed: null,
    snapshotRemoved: null,
    idNumber: null,
  });
  cases.push({
    case: 'government_court_listed',
    why: 'a 机关 (USCC 11…) on the court dishonest-debtor list 40 days ago: a red government_integrity warning, 双清零 missed',
    usccs: [organ.uscc],
    expect: {
      registration_category: '11',
      court_case_count: 1,
      evidence: [`court_dishonest:${normDocNo(caseNo)}|${organ.uscc}`],
      warning: 'government_integrity',
    },
  });
  const institution = outsider('区某中心', '12', '事业单位');
  const month = A.slice(0, 7);
  // Three months unpaid, the latest 13 months before the as-of month: still the account's latest 账期, and
  // outside every trailing-year record count.
  institution.utilities = [15, 14, 13].map((m, i) => ({
    entityIdx: institution.idx,
    type: '水费' as const,
    period: monthMinus(month, m),
    dueYuan: 800,
    paidYuan: 0,
    arrearsMonths: i + 1,
  }));
  cases.push({
    case: 'government_utility_arrears',
    why: 'a 事业单位 (USCC 12…) whose water account shows 3 months unpaid: on the government-integrity list',
    usccs: [institution.uscc],
    expect: {
      registration_category: '12',
      arrears_account_count: 1,
      evidence: [`utilities:${institution.uscc}|水费|${monthMinus(month, 13)}`],
      warning: 'government_integrity',
    },
  });
  return cases;
}
