import { addDays } from '../../lib/dates.js';
import { norm, normDocNo } from '../../lib/validate/text.js';
import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import type { Entity, World } from '../world/types.js';
import { nthWorkdayAfter } from '../workdays.js';
import { entityName, type CountedEvent } from './events.js';
import { codePoint } from './flags.js';
import type { Identity } from './identity.js';
import { arrearsRecords } from './projects.js';
import { addMonths, inWindow, minimumEnd, severityOf } from './rules.js';
import { removedAt } from './state.js';
import type { WarningRow } from './warnings.js';

/**
 * docs/rules.md "Exits and repairs", "Government integrity" and "Supervision indicators" at their defaults
 * (3 working days, a one-year serious-list minimum, a 365-day lookback, USCC categories 11 and 12), written
 * from the docs in plain TypeScript over the planted world and what was delivered — never by running the
 * product's models. A generated world has no marks of the 移出与修复 page: an item is done only when its
 * list entry's removal was delivered.
 */
const TIME_LIMIT = 3;
const LOOKBACK = 365;
const GOVERNMENT = ['11', '12'];

export interface ExitRow {
  item_id: string;
  kind: 'publication_ended' | 'repair_decided' | 'serious_list_repaired';
  department: string;
  record_id: string;
  uscc: string;
  name: string;
  trigger_date: string;
  due_date: string;
  status: 'done' | 'overdue' | 'pending';
  completed_date: string | null;
}

const subjectKey = (uscc: string, name: string) => {
  const u = normaliseCode(uscc);
  return isValidUscc(u) ? u : norm(name);
};

const earliest = (dates: readonly string[]): string | null =>
  dates.length === 0 ? null : dates.reduce((a, b) => (a < b ? a : b));

export function exits(world: World, log: DeliveryLog, id: Identity): ExitRow[] {
  const A = world.asOf;
  const rows: ExitRow[] = [];
  const add = (
    kind: ExitRow['kind'],
    recordId: string,
    uscc: string,
    fallbackName: string,
    department: string,
    trigger: string,
    removed: string | null,
  ) => {
    if (!inWindow(trigger, A, LOOKBACK)) return;
    const due = nthWorkdayAfter(trigger, TIME_LIMIT);
    const completed = removed !== null && removed <= A ? removed : null;
    rows.push({
      item_id: `${kind}:${recordId}`,
      kind,
      department,
      record_id: recordId,
      uscc,
      name: entityName(id, uscc) || fallbackName,
      trigger_date: trigger,
      due_date: due,
      status: completed ? 'done' : due < A ? 'overdue' : 'pending',
      completed_date: completed,
    });
  };

  const penaltyRepairs = new Map<string, string[]>();
  const listRepairs = new Map<string, string[]>();
  for (const r of world.repairs) {
    if (r.decision > A || log.facts.get(r)?.loaded === false) continue;
    if (r.type === '行政处罚') {
      const k = `${norm(r.authority)}|${normDocNo(r.docNo)}`;
      penaltyRepairs.set(k, [...(penaltyRepairs.get(k) ?? []), r.decision]);
    } else if (r.type === '严重失信主体名单') {
      const k = `${normDocNo(r.docNo)}|${subjectKey(r.subject.uscc, r.subject.name)}`;
      listRepairs.set(k, [...(listRepairs.get(k) ?? []), r.decision]);
    }
  }
  const revokingObjections = new Set(
    world.objections
      .filter((o) => o.state === '已撤销记录' && o.completed !== null && o.completed <= A && o.raised <= A)
      .map((o) => normDocNo(o.docNo)),
  );

  for (const p of world.penalties) {
    const f = log.facts.get(p);
    if (!f || !f.loaded || p.decision > A) continue;
    const uscc = id.resolve(p.subject);
    if (uscc === null) continue;
    const status = f.corrected && p.correction?.status ? p.correction.status : p.status;
    if (status === '撤销' || revokingObjections.has(normDocNo(p.docNo))) continue;
    const fine = f.corrected && p.correction && 'fineWan' in p.correction ? (p.correction.fineWan ?? null) : p.fineWan;
    const severity = severityOf(p, fine);
    if (severity === '轻微') continue;
    const end = addMonths(p.decision, severity === '严重' ? 36 : 12);
    const key = `${norm(p.authority)}|${normDocNo(p.docNo)}`;
    const min = minimumEnd(p, severity);
    const repair = earliest((penaltyRepairs.get(key) ?? []).filter((d) => d >= min && d >= p.decision));
    const department = f.publicity?.department ?? p.authority;
    if (repair !== null && repair < end)
      add('repair_decided', `penalties:${key}`, uscc, p.subject.name, department, repair, null);
    else if (end <= A) add('publication_ended', `penalties:${key}`, uscc, p.subject.name, department, end, null);
  }

  for (const l of world.lists) {
    if (l.list !== 'serious' || !log.facts.get(l)?.loaded || l.listed > A) continue;
    const uscc = id.resolve(l.subject);
    if (uscc === null) continue;
    const repair = earliest(
      (listRepairs.get(`${normDocNo(l.docNo)}|${subjectKey(l.subject.uscc, l.subject.name)}`) ?? []).filter(
        (d) => d >= l.listed,
      ),
    );
    if (repair === null) continue;
    const minimum = addMonths(l.listed, 12);
    const trigger = repair > minimum ? repair : minimum;
    const removed = removedAt(l);
    if (trigger > A || (removed !== null && removed < trigger)) continue;
    const code = normaliseCode(l.subject.uscc);
    const recordId = `serious_list:${norm(l.authority)}|${norm(l.type)}|${code !== '' ? code : norm(l.subject.name)}|${l.listed}`;
    add('serious_list_repaired', recordId, uscc, l.subject.name, l.authority, trigger, removed);
  }
  return rows;
}

export interface GovernmentRow {
  uscc: string;
  name: string;
  registration_category: string;
  court_case_count: number;
  broken_commitment_count: number;
  arrears_account_count: number;
  evidence: string[];
}

/** Bodies of USCC categories 11/12 with the rules.md §6 signals court_dishonest, broken_commitment, utility_arrears. */
export function governmentIntegrity(world: World, id: Identity, events: readonly CountedEvent[]): GovernmentRow[] {
  const A = world.asOf;
  const isBody = (u: string) => GOVERNMENT.includes(u.slice(0, 2));
  const by = new Map<string, { court: string[]; broken: string[]; arrears: string[] }>();
  const of = (u: string) => {
    const v = by.get(u) ?? { court: [], broken: [], arrears: [] };
    by.set(u, v);
    return v;
  };
  for (const e of events) {
    if (!isBody(e.uscc)) continue;
    if (e.source === 'court_dishonest') of(e.uscc).court.push(e.id);
    if (e.source === 'commitments' && inWindow(e.date, A, 365)) of(e.uscc).broken.push(e.id);
  }
  for (const e of world.entities as Entity[]) {
    if (!isBody(e.uscc)) continue;
    const arrears = arrearsRecords(world, e);
    if (arrears.length > 0) of(e.uscc).arrears.push(...arrears);
  }
  // A body outside the register with no counted event is named by its delivered records (rules.md §1).
  const delivered = new Map(world.entities.map((e) => [e.uscc, e.name]));
  return [...by].map(([uscc, v]) => ({
    uscc,
    name: entityName(id, uscc) || (delivered.get(uscc) ?? ''),
    registration_category: uscc.slice(0, 2),
    court_case_count: v.court.length,
    broken_commitment_count: v.broken.length,
    arrears_account_count: v.arrears.length,
    evidence: [...v.court, ...v.broken, ...v.arrears].sort(codePoint),
  }));
}

export function governmentWarnings(asOf: string, rows: readonly GovernmentRow[]): WarningRow[] {
  return rows.map((r) => ({
    warning_id: `government_integrity:${r.uscc}`,
    kind: 'government_integrity',
    subject_id: r.uscc,
    subject_name: r.name,
    level: 'red',
    status: 'new',
    first_seen: asOf,
    evidence: r.evidence,
  }));
}

const TARGETS = [
  { id: 'serious_list_exit_share', comparator: '>=', target: 0.2 },
  { id: 'repairs_in_time_share', comparator: '>=', target: 0.95 },
  { id: 'government_court_listed', comparator: '<=', target: 0 },
] as const;

export function supervisionIndicators(
  world: World,
  log: DeliveryLog,
  id: Identity,
  exitRows: readonly ExitRow[],
  government: readonly GovernmentRow[],
): Array<{ indicator_id: string; value: number | null; target: number; comparator: string; met: boolean }> {
  const A = world.asOf;
  const listRepairs = new Map<string, string[]>();
  for (const r of world.repairs) {
    if (r.type !== '严重失信主体名单' || r.decision > A || log.facts.get(r)?.loaded === false) continue;
    const k = `${normDocNo(r.docNo)}|${subjectKey(r.subject.uscc, r.subject.name)}`;
    listRepairs.set(k, [...(listRepairs.get(k) ?? []), r.decision]);
  }
  let entries = 0;
  let left = 0;
  for (const l of world.lists) {
    if (l.list !== 'serious' || !log.facts.get(l)?.loaded || l.listed > A || id.resolve(l.subject) === null) continue;
    const removed = removedAt(l);
    const repair = earliest(
      (listRepairs.get(`${normDocNo(l.docNo)}|${subjectKey(l.subject.uscc, l.subject.name)}`) ?? []).filter(
        (d) => d >= l.listed,
      ),
    );
    const out = earliest([removed, repair].filter((d): d is string => d !== null && d <= A));
    const yearStart = addDays(A, -365);
    if (out === null || out > yearStart) entries++;
    if (out !== null && out > yearStart) left++;
  }
  const repairs = exitRows.filter(
    (r) =>
      r.kind !== 'publication_ended' &&
      inWindow(r.trigger_date, A, 365) &&
      (r.completed_date !== null || r.due_date < A),
  );
  const inTime = repairs.filter((r) => r.completed_date !== null && r.completed_date <= r.due_date).length;
  const values = new Map<string, number | null>([
    ['serious_list_exit_share', entries === 0 ? null : left / entries],
    ['repairs_in_time_share', repairs.length === 0 ? null : inTime / repairs.length],
    ['government_court_listed', government.filter((g) => g.court_case_count > 0).length],
  ]);
  return TARGETS.map((t) => {
    const value = values.get(t.id) ?? null;
    const met =
      value !== null && (t.comparator === '>=' ? value >= t.target : t.comparator === '<=' ? value <= t.target : false);
    return { indicator_id: t.id, value, target: t.target, comparator: t.comparator, met };
  });
}
