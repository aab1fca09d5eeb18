/**
 * One unit per indicator (issue 18 item 12), for every page, export and document: the register's
 * wrong-code rate in ‱ (its target is 1‱, and 0.003% reads as nothing), records-per-enterprise ratios
 * as plain numbers, every other share in percent. The values themselves stay fractions (interfaces.md).
 */

export type IndicatorUnit = 'permyriad' | 'ratio' | 'percent' | 'count';

const PERMYRIAD = new Set(['uscc_error_rate']);

/** Ratios of records to enterprises, not fractions of a whole. */
export const RATIO_INDICATORS: ReadonlySet<string> = new Set([
  'water_records_ratio',
  'electricity_records_ratio',
  'tax_records_ratio',
  'gas_records_ratio',
  'commitment_records_ratio',
]);

/** Counts of subjects (双清零: government bodies on the court list), not fractions (docs/rules.md). */
const COUNTS = new Set(['government_court_listed']);

export function indicatorUnit(id: string): IndicatorUnit {
  if (PERMYRIAD.has(id)) return 'permyriad';
  if (COUNTS.has(id)) return 'count';
  return RATIO_INDICATORS.has(id) ? 'ratio' : 'percent';
}

/** 1.2‱, 0.873, 95.3%; null as —. */
export function formatIndicator(id: string, v: number | null): string {
  if (v === null || v === undefined) return '—';
  const unit = indicatorUnit(id);
  if (unit === 'permyriad') return `${(v * 10000).toFixed(1)}‱`;
  if (unit === 'ratio') return v.toFixed(3);
  if (unit === 'count') return String(v);
  return `${(v * 100).toFixed(1)}%`;
}
