import type { Rng } from '../prng.js';
import { addDays } from '../../lib/dates.js';
import { minimumEnd, severityOf } from '../answers/rules.js';
import { dateIn } from './subjects.js';
import type { ListEntry, Objection, Penalty, Repair } from './types.js';

/**
 * Credit repairs of penalties (most after the minimum publication period, a few too early, which
 * the rules ignore) and of serious-list entries; objections, open and closed.
 */
export function buildRepairs(
  rng: Rng,
  penalties: readonly Penalty[],
  lists: readonly ListEntry[],
  asOf: string,
  nextId: () => number,
): Repair[] {
  const out: Repair[] = [];
  for (const p of penalties) {
    if (p.subject.entityIdx === null || p.status !== '正常' || p.correction || !rng.chance(0.05)) continue;
    const sev = severityOf(p);
    if (sev === '轻微') continue;
    const min = minimumEnd(p, sev);
    const tooEarly = rng.chance(0.1);
    const decision = tooEarly ? dateIn(rng, addDays(p.decision, 1), addDays(min, -1)) : addDays(min, rng.int(0, 120));
    if (decision > asOf) continue;
    out.push({
      id: nextId(),
      subject: { ...p.subject },
      type: '行政处罚',
      docNo: p.docNo,
      decision,
      authority: p.authority,
    });
  }
  for (const l of lists) {
    if (l.list !== 'serious' || l.removed !== null || !rng.chance(0.1)) continue;
    const decision = addDays(l.listed, rng.int(200, 500));
    if (decision > asOf) continue;
    out.push({
      id: nextId(),
      subject: { ...l.subject },
      type: '严重失信主体名单',
      docNo: l.docNo,
      decision,
      authority: l.authority,
    });
  }
  return out;
}

export function buildObjections(
  rng: Rng,
  penalties: readonly Penalty[],
  asOf: string,
  nextId: () => number,
): Objection[] {
  const out: Objection[] = [];
  for (const p of penalties) {
    if (p.subject.entityIdx === null || p.status !== '正常' || p.correction || !rng.chance(0.01)) continue;
    const raised = dateIn(rng, p.decision, asOf);
    const completed = rng.chance(0.7) ? addDays(raised, rng.int(5, 60)) : null;
    const state =
      completed === null
        ? '处理中'
        : rng.weighted([
            ['维持', 6],
            ['已更正', 2],
            ['已撤销记录', 1],
          ] as const);
    out.push({ id: nextId(), subject: { ...p.subject }, docNo: p.docNo, raised, state, completed });
  }
  return out;
}
