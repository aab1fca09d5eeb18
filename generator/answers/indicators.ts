import type { IndicatorsRow } from '../../lib/kysely/martTypes.js';
import type { Present } from '../../lib/kysely/present.js';
import { norm } from '../../lib/validate/text.js';
import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import type { RegisterRow } from '../delivery/feeds.js';
import { utilitiesOf, utilityRouteDate } from '../world/utilities.js';
import type { Entity, World } from '../world/types.js';
import type { PublicityRecord } from './publicity.js';
import { inWindow } from './rules.js';
import { latestTaxGrades } from './state.js';

export type Comparator = '>=' | '>' | '<' | '<=';

/** A row of the indicators mart (lib/kysely/martTypes.ts), as the answer key computes it. */
export type IndicatorRow = Present<Omit<IndicatorsRow, 'comparator'>, 'target' | 'met'> & { comparator: Comparator };

/** rules.md §8 targets: the defaults of sentinel.config.yaml. */
export const TARGETS: readonly { id: string; comparator: Comparator; target: number }[] = [
  { id: 'publicity_timeliness', comparator: '>=', target: 0.95 },
  { id: 'publicity_compliance', comparator: '>=', target: 0.98 },
  { id: 'uscc_error_rate', comparator: '<', target: 0.0001 },
  { id: 'water_records_ratio', comparator: '>=', target: 1 },
  { id: 'electricity_records_ratio', comparator: '>=', target: 1 },
  { id: 'tax_records_ratio', comparator: '>=', target: 0.5 },
  { id: 'gas_records_ratio', comparator: '>=', target: 0.001 },
  { id: 'commitment_records_ratio', comparator: '>', target: 0.5 },
  { id: 'excellent_rating_share', comparator: '>=', target: 0.1 },
  { id: 'medium_or_below_share', comparator: '<', target: 0.02 },
  { id: 'good_or_above_share', comparator: '>=', target: 0.9 },
  { id: 'a_grade_taxpayer_share', comparator: '>=', target: 0.075 },
  { id: 'serious_dishonest_share', comparator: '<', target: 0.007 },
];

export interface IndicatorInputs {
  register: readonly RegisterRow[];
  active: ReadonlySet<string>;
  enterprises: ReadonlySet<string>;
  serious: ReadonlySet<string>;
  publicity: readonly PublicityRecord[];
}

export function indicators(world: World, log: DeliveryLog, inputs: IndicatorInputs): IndicatorRow[] {
  const A = world.asOf;
  const values = new Map<string, number | null>();
  const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
  const year = inputs.publicity.filter((r) => inWindow(r.decision, A, 365));
  values.set('publicity_timeliness', ratio(year.filter((r) => r.timely).length, year.length));
  values.set('publicity_compliance', ratio(year.filter((r) => r.compliant).length, year.length));
  values.set('uscc_error_rate', usccErrorRate(inputs.register, log));
  const utilities = { 水费: 0, 电费: 0, 燃气费: 0, 纳税: 0 };
  for (const e of world.entities) {
    for (const r of utilitiesOf(world.seed, e, A, world.utilityMonths)) {
      if (utilityRouteDate(r) <= A && inWindow(`${r.period}-01`, A, 365)) utilities[r.type]++;
    }
  }
  const n = inputs.enterprises.size;
  values.set('water_records_ratio', ratio(utilities.水费, n));
  values.set('electricity_records_ratio', ratio(utilities.电费, n));
  values.set('tax_records_ratio', ratio(utilities.纳税, n));
  values.set('gas_records_ratio', ratio(utilities.燃气费, n));
  const determined = world.commitments.filter(
    (c) => c.state !== '未到期' && c.determined !== null && inWindow(c.determined, A, 365) && log.facts.get(c)?.loaded,
  ).length;
  values.set('commitment_records_ratio', ratio(determined, inputs.active.size));
  // Latest rating per entity by 评价日期; two on one date share a business key, so the later row wins.
  const latest = new Map<string, { date: string; grade: string }>();
  for (const r of world.ratings) {
    if (r.date > A || !log.facts.get(r)?.loaded) continue;
    const u = (world.entities[r.entityIdx] as Entity).uscc;
    const prev = latest.get(u);
    if (!prev || r.date >= prev.date) latest.set(u, { date: r.date, grade: r.grade });
  }
  const grades = [...latest.values()].map((v) => v.grade);
  values.set('excellent_rating_share', ratio(grades.filter((g) => g === '优').length, grades.length));
  values.set('medium_or_below_share', ratio(grades.filter((g) => g === '中' || g === '差').length, grades.length));
  values.set('good_or_above_share', ratio(grades.filter((g) => g === '优' || g === '良').length, grades.length));
  const tax = latestTaxGrades(world, log);
  values.set('a_grade_taxpayer_share', ratio([...inputs.enterprises].filter((u) => tax.get(u) === 'A').length, n));
  values.set('serious_dishonest_share', ratio([...inputs.enterprises].filter((u) => inputs.serious.has(u)).length, n));
  return TARGETS.map((t) => {
    const value = values.get(t.id) ?? null;
    return {
      indicator_id: t.id,
      value,
      target: t.target,
      comparator: t.comparator,
      met: value !== null && compare(value, t.comparator, t.target),
    };
  });
}

function compare(v: number, c: Comparator, t: number): boolean {
  return c === '>=' ? v >= t : c === '>' ? v > t : c === '<' ? v < t : v <= t;
}

/**
 * 重错码率 of rules.md §1 over the current register: per valid USCC its records in the latest file
 * carrying it, plus every record with an invalid or missing USCC (one per business key).
 */
export function usccErrorRate(register: readonly RegisterRow[], log: DeliveryLog): number | null {
  const byKey = new Map<string, { uscc: string; valid: boolean; name: string; order: number }>();
  const delivered = register.flatMap((r) => {
    const f = log.facts.get(r);
    return f?.loaded ? [{ r, f }] : [];
  });
  // Latest version per business key: later files win, and within a file the later row.
  delivered.sort((a, b) => a.f.fileOrder - b.f.fileOrder);
  for (const { r, f } of delivered) {
    const uscc = normaliseCode(r.uscc);
    byKey.set(`${uscc}|${norm(r.name)}`, { uscc, valid: isValidUscc(uscc), name: norm(r.name), order: f.fileOrder });
  }
  const latestFile = new Map<string, number>();
  for (const r of byKey.values())
    if (r.valid && (latestFile.get(r.uscc) ?? -1) < r.order) latestFile.set(r.uscc, r.order);
  const current = [...byKey.values()].filter((r) => !r.valid || r.order === latestFile.get(r.uscc));
  const names = new Map<string, Set<string>>();
  for (const r of current) if (r.valid) names.set(r.uscc, (names.get(r.uscc) ?? new Set()).add(r.name));
  const bad = current.filter((r) => !r.valid || (names.get(r.uscc)?.size ?? 0) > 1).length;
  return current.length === 0 ? null : bad / current.length;
}
