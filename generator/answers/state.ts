import { norm, normDocNo } from '../../lib/validate/text.js';
import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';
import { isValidIdNumber, normaliseIdNumber } from '../../lib/validate/idNumber.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import type { CourtCase, Entity, ListEntry, World } from '../world/types.js';
import type { Identity } from './identity.js';

/** The state of lists, grades and the register at as-of, from the planted world and its delivery. */

/** When an entry stopped being active: its 移出日期, or the date of a full snapshot that left it out. */
export function removedAt(e: ListEntry | CourtCase): string | null {
  if (e.removed === null) return e.snapshotRemoved;
  if (e.snapshotRemoved === null) return e.removed;
  return e.removed < e.snapshotRemoved ? e.removed : e.snapshotRemoved;
}

/**
 * USCCs with an active entry at as-of (rules.md §6): listed on or before as-of, not removed by
 * then; a serious-list entry also ends on the date of a repair naming its 认定文书号 and subject.
 */
export function activeListed(world: World, id: Identity, log: DeliveryLog, list: 'serious' | 'attention'): Set<string> {
  return new Set(activeListEntries(world, id, log, list).keys());
}

/**
 * The same entries by USCC with their record ids as the ingest keys them (`<list>:<认定部门>|<名单类型>|
 * <USCC, else name>|<列入日期>` after norm): the evidence of a list signal (rules.md §9).
 */
export function activeListEntries(
  world: World,
  id: Identity,
  log: DeliveryLog,
  list: 'serious' | 'attention',
): Map<string, string[]> {
  const A = world.asOf;
  const repairs = new Map<string, string[]>();
  for (const r of world.repairs) {
    if (r.type !== '严重失信主体名单' || r.decision > A || !log.facts.get(r)?.loaded) continue;
    const k = `${normDocNo(r.docNo)}|${subjectKey(r.subject.uscc, r.subject.name)}`;
    repairs.set(k, [...(repairs.get(k) ?? []), r.decision]);
  }
  const out = new Map<string, string[]>();
  for (const l of world.lists) {
    if (l.list !== list || !log.facts.get(l)?.loaded || l.listed > A) continue;
    const removed = removedAt(l);
    if (removed !== null && removed <= A) continue;
    if (
      list === 'serious' &&
      (repairs.get(`${normDocNo(l.docNo)}|${subjectKey(l.subject.uscc, l.subject.name)}`) ?? []).some(
        (d) => d >= l.listed,
      )
    )
      continue;
    const u = id.resolve(l.subject);
    if (u === null) continue;
    const code = normaliseCode(l.subject.uscc);
    const subjectPart = code !== '' ? code : norm(l.subject.name);
    const recordId = `${list}_list:${norm(l.authority)}|${norm(l.type)}|${subjectPart}|${l.listed}`;
    out.set(u, [...(out.get(u) ?? []), recordId]);
  }
  return out;
}

function subjectKey(uscc: string, name: string): string {
  const u = normaliseCode(uscc);
  return isValidUscc(u) ? u : norm(name);
}

/** USCCs with an active court dishonest-debtor case at as-of (natural persons' rows excluded). */
export function activeCourt(world: World, id: Identity, log: DeliveryLog): Set<string> {
  const A = world.asOf;
  const out = new Set<string>();
  for (const c of world.courtCases) {
    if (!log.facts.get(c)?.loaded || c.published > A) continue;
    if (
      c.idNumber !== null &&
      isValidIdNumber(normaliseIdNumber(c.idNumber)) &&
      !isValidUscc(normaliseCode(c.subject.uscc))
    )
      continue;
    const removed = removedAt(c);
    if (removed !== null && removed <= A) continue;
    const u = id.resolve(c.subject);
    if (u !== null) out.add(u);
  }
  return out;
}

/** The latest tax grade per USCC: greatest 评价年度 among grades dated on or before as-of. */
export function latestTaxGrades(world: World, log: DeliveryLog): Map<string, string> {
  return new Map([...latestTaxGradeRecords(world, log)].map(([u, v]) => [u, v.grade]));
}

/** The latest grade per USCC with its record id (`tax_credit:<USCC>|<评价年度>`, the ingest's key). */
export function latestTaxGradeRecords(
  world: World,
  log: DeliveryLog,
): Map<string, { grade: string; recordId: string }> {
  const best = new Map<string, { year: number; grade: string }>();
  for (const t of world.taxGrades) {
    const dated = t.evaluated ?? `${t.year + 1}-04-01`;
    if (dated > world.asOf || !log.facts.get(t)?.loaded) continue;
    const u = (world.entities[t.entityIdx] as Entity).uscc;
    const prev = best.get(u);
    if (!prev || t.year >= prev.year) best.set(u, { year: t.year, grade: t.grade });
  }
  return new Map([...best].map(([u, v]) => [u, { grade: v.grade, recordId: `tax_credit:${u}|${v.year}` }]));
}

/** Active register entities (rules.md §1, §8): valid USCC whose latest register record is 存续/在业. */
export function activeRegister(id: Identity): { active: Set<string>; enterprises: Set<string> } {
  const active = new Set<string>();
  const enterprises = new Set<string>();
  for (const [u, row] of id.registerByUscc) {
    if (row.entity.status !== '存续' && row.entity.status !== '在业') continue;
    active.add(u);
    if (row.entity.kind !== '个体工商户') enterprises.add(u);
  }
  return { active, enterprises };
}
