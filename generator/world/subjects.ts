import type { Rng } from '../prng.js';
import { breakUscc } from '../ids.js';
import { addDays } from '../../lib/dates.js';
import type { DirtRates } from '../dirt.js';
import type { Entity, Person, SubjectAsDelivered } from './types.js';

/** How a department writes an entity as the subject of a record, with the dirt it introduces. */
export function entitySubject(rng: Rng, e: Entity, dirt: DirtRates): SubjectAsDelivered {
  const r = rng.next();
  const uscc = r < dirt.invalidUscc ? breakUscc(e.uscc) : r < dirt.invalidUscc + dirt.nameOnly ? '' : e.uscc;
  return {
    entityIdx: e.idx,
    personIdx: null,
    kind: e.kind === '个体工商户' ? '个体工商户' : '法人及非法人组织',
    name: e.name,
    uscc,
  };
}

export function personSubject(p: Person): SubjectAsDelivered {
  return { entityIdx: null, personIdx: p.idx, kind: '自然人', name: p.name, uscc: '' };
}

/** A date uniformly in [from, to]. */
export function dateIn(rng: Rng, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, rng.int(0, Math.max(0, span)));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
