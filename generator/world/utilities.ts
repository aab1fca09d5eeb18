import { Rng } from '../prng.js';
import { addDays } from '../../lib/dates.js';
import { isActive } from './entities.js';
import type { Entity, UtilityRecord } from './types.js';

/**
 * Utility and tax-payment records are the bulk of the volume, so they are never held in memory:
 * each entity's records are re-derived from its own seeded stream whenever they are needed (to
 * write the inbox, then to compute the indicators). Account shares are set so that water and tax
 * meet their monitoring targets and electricity misses its own (rules.md §8).
 */
const ACCOUNT_SHARE = { 水费: 0.045, 电费: 0.025, 燃气费: 0.002, 纳税: 0.07 } as const;
export function utilitiesOf(seed: number, e: Entity, asOf: string, months = 24): UtilityRecord[] {
  if (!isActive(e)) return [];
  if (e.utilities) return e.utilities.filter((r) => r.period <= asOf.slice(0, 7));
  const rng = new Rng(seed, 7_000_000 + e.idx);
  const out: UtilityRecord[] = [];
  const asOfMonth = asOf.slice(0, 7);
  for (const type of ['水费', '电费', '燃气费', '纳税'] as const) {
    if (!rng.chance(ACCOUNT_SHARE[type])) continue;
    const due = Math.round((type === '纳税' ? 3000 : 200) * (0.3 + 3 * rng.next()));
    const arrearsFrom = rng.chance(0.04) ? rng.int(1, 8) : -1;
    const step = type === '纳税' ? 3 : 1;
    for (let m = months - 1; m >= 0; m -= step) {
      const period = monthMinus(asOfMonth, m);
      const inArrears = arrearsFrom >= 0 && m < arrearsFrom;
      out.push({
        entityIdx: e.idx,
        type,
        period,
        dueYuan: due,
        paidYuan: inArrears ? 0 : due,
        arrearsMonths: inArrears ? arrearsFrom - m : 0,
      });
    }
  }
  return out;
}

/** A 账期 is delivered in the file dated the 28th of its month: delivered at as-of when that is ≤ as-of. */
export function utilityRouteDate(r: UtilityRecord): string {
  return `${r.period}-28`;
}

export function monthMinus(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 - n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

/** The first day of the month after `month`, for dating deliveries. */
export function monthEnd(month: string): string {
  return addDays(`${monthMinus(month, -1)}-01`, -1);
}
