import { norm, normDocNo } from '../../lib/validate/text.js';
import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';
import { isValidIdNumber, normaliseIdNumber } from '../../lib/validate/idNumber.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import type { RegisterRow } from '../delivery/feeds.js';
import type { SubjectAsDelivered, World } from '../world/types.js';
import { minimumEnd, severityOf, type Severity } from './rules.js';
import type { Identity } from './identity.js';
import { removedAt } from './state.js';

/** A counted violation event (rules.md §4), judged at as-of from the planted world. */
export interface CountedEvent {
  id: string;
  source: 'penalties' | 'court_dishonest' | 'commitments';
  uscc: string;
  domain: string;
  date: string;
  /** A penalty's severity in its latest version (rules.md §3); null for other events. */
  severity: Severity | null;
}

/** Identity resolution of rules.md §1 over what was delivered. */
export function buildIdentity(register: readonly RegisterRow[], log: DeliveryLog): Identity {
  const ordered = register
    .map((r, i) => ({ r, i, f: log.facts.get(r) }))
    .filter((x) => x.f !== undefined)
    .sort((a, b) => (a.f!.fileDate < b.f!.fileDate ? -1 : a.f!.fileDate > b.f!.fileDate ? 1 : a.i - b.i));
  const registerByUscc = new Map<string, RegisterRow>();
  const byName = new Map<string, Set<string>>();
  for (const { r } of ordered) {
    const u = normaliseCode(r.uscc);
    if (!isValidUscc(u)) continue;
    registerByUscc.set(u, r);
    const n = norm(r.name);
    byName.set(n, (byName.get(n) ?? new Set()).add(u));
  }
  const resolve = (s: SubjectAsDelivered): string | null => {
    if (s.kind === '自然人') return null;
    const u = normaliseCode(s.uscc);
    if (isValidUscc(u)) return u;
    const hits = byName.get(norm(s.name));
    return hits && hits.size === 1 ? ([...hits][0] as string) : null;
  };
  return { registerByUscc, resolve, names: new Map() };
}

function noteName(id: Identity, uscc: string, date: string, name: string): void {
  const prev = id.names.get(uscc);
  if (!prev || date >= prev.date) id.names.set(uscc, { date, name });
}

export function entityName(id: Identity, uscc: string): string {
  return id.registerByUscc.get(uscc)?.name ?? id.names.get(uscc)?.name ?? '';
}

/** Every counted event at as-of: penalties, court cases and broken commitments. */
export function countedEvents(world: World, log: DeliveryLog, id: Identity): CountedEvent[] {
  const A = world.asOf;
  const out: CountedEvent[] = [];
  const repairs = new Map<string, string[]>();
  for (const r of world.repairs) {
    if (r.type !== '行政处罚' || r.decision > A) continue;
    const k = `${norm(r.authority)}|${normDocNo(r.docNo)}`;
    repairs.set(k, [...(repairs.get(k) ?? []), r.decision]);
  }
  const objections = new Map<string, { open: boolean; revokedBy: string | null }[]>();
  for (const o of world.objections) {
    if (o.raised > A) continue;
    const done = o.completed !== null && o.completed <= A;
    const k = normDocNo(o.docNo);
    objections.set(k, [
      ...(objections.get(k) ?? []),
      { open: !done, revokedBy: done && o.state === '已撤销记录' ? o.completed : null },
    ]);
  }
  for (const p of world.penalties) {
    const f = log.facts.get(p);
    if (!f || !f.loaded || p.decision > A) continue;
    const uscc = id.resolve(p.subject);
    if (uscc === null) continue;
    noteName(id, uscc, p.decision, p.subject.name);
    const status = f.corrected && p.correction?.status ? p.correction.status : p.status;
    if (status === '撤销' || status === '异议') continue;
    const key = `${norm(p.authority)}|${normDocNo(p.docNo)}`;
    const fine = f.corrected && p.correction && 'fineWan' in p.correction ? (p.correction.fineWan ?? null) : p.fineWan;
    const severity = severityOf(p, fine);
    const min = minimumEnd(p, severity);
    if ((repairs.get(key) ?? []).some((d) => d >= min && d >= p.decision)) continue;
    const objs = objections.get(normDocNo(p.docNo)) ?? [];
    if (objs.some((o) => o.open || o.revokedBy !== null)) continue;
    out.push({ id: `penalties:${key}`, source: 'penalties', uscc, domain: p.domain, date: p.decision, severity });
  }
  for (const c of world.courtCases) {
    const f = log.facts.get(c);
    if (!f || !f.loaded || c.published > A) continue;
    if (
      c.idNumber !== null &&
      isValidIdNumber(normaliseIdNumber(c.idNumber)) &&
      !isValidUscc(normaliseCode(c.subject.uscc))
    )
      continue;
    const uscc = id.resolve(c.subject);
    if (uscc === null) continue;
    noteName(id, uscc, c.published, c.subject.name);
    const removed = removedAt(c);
    if (removed !== null && removed <= A) continue;
    const subjectKey =
      c.subject.uscc !== ''
        ? normaliseCode(c.subject.uscc)
        : c.idNumber
          ? normaliseIdNumber(c.idNumber)
          : norm(c.subject.name);
    out.push({
      id: `court_dishonest:${normDocNo(c.caseNo)}|${subjectKey}`,
      source: 'court_dishonest',
      uscc,
      domain: 'judicial',
      date: c.published,
      severity: null,
    });
  }
  for (const c of world.commitments) {
    const f = log.facts.get(c);
    if (!f || !f.loaded || c.determined === null || c.determined > A) continue;
    if (c.state !== '部分履行' && c.state !== '全部未履行') continue;
    const uscc = id.resolve(c.subject);
    if (uscc === null) continue;
    noteName(id, uscc, c.determined, c.subject.name);
    out.push({
      id: `commitments:${norm(c.code)}`,
      source: 'commitments',
      uscc,
      domain: c.domain,
      date: c.determined,
      severity: null,
    });
  }
  return out;
}
