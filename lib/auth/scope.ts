/**
 * The one decision about which rows a caller sees (interfaces.md roles table): a department user sees
 * publicity-quality, quarantine and warnings of its own department only. The API's dataset queries and
 * the pages (预警, 双公示质量, the overview's warning counts) all ask here, so they cannot disagree.
 */
import type { Principal } from './roles.js';

/** The datasets narrowed to a department user's own department, and the mart column that names it. */
const SCOPED: Readonly<Record<string, string | null>> = {
  'publicity-quality': 'department',
  // Department warnings name the department as their subject; entity warnings are nobody's department.
  warnings: 'subject_id',
  // Quarantined rows are narrowed by the delivering department in their raw cells (not a mart column).
  quarantine: null,
  // Credit checks (核查记录) are counted per checking department.
  checks: 'department',
  // The 双随机 list of credit grades (not an interfaces.md dataset): a department downloads its own.
  'credit-grade-inspections': 'department',
  // 移出与修复: each item names the department that must take its record down.
  exits: 'department',
};

/** The department whose rows alone `p` may see of `dataset`, or null when `p` sees every row. */
export function departmentScope(p: Principal, dataset: string): string | null {
  if (p.role !== 'department' || !(dataset in SCOPED)) return null;
  // A department user without a department sees nothing of these rather than everything.
  return p.department ?? '';
}

/**
 * Rows of a scoped dataset shown inside another view (a profile's warnings): narrowed as the dataset itself
 * would be for `p`, so a department user sees on a profile no warning the warnings dataset would hide.
 */
export function scopedRows<T extends Record<string, unknown>>(p: Principal, dataset: string, rows: readonly T[]): T[] {
  const department = departmentScope(p, dataset);
  const column = scopeColumn(dataset);
  if (department === null || column === null) return [...rows];
  return rows.filter((r) => r[column] === department);
}

/** The column a scoped mart is narrowed by (null for quarantine, which has its own condition). */
export function scopeColumn(dataset: string): string | null {
  return SCOPED[dataset] ?? null;
}
