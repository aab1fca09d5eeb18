/** Which month a number refers to, said the same way on every page. */

/**
 * The month a department warning judges (rules.md §9: "the last month that ended before as-of"): the month
 * before the as-of's month, since the as-of's own month has not ended before it. The publicity page opens
 * on this month, so a warning and the ranking it points to agree.
 */
export function judgedMonth(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Warnings about a department's month of publicity; the others hold at the build's as-of. */
export const MONTHLY_WARNINGS: ReadonlySet<string> = new Set(['department_timeliness', 'department_compliance']);

/** The first and last day of a YYYY-MM month, for filters that take dates. */
export function monthDays(month: string): { from: string; to: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
