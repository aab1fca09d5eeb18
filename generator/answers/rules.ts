import { addDays } from '../../lib/dates.js';
import type { Penalty } from '../world/types.js';

/**
 * The parts of rules.md §3 the generator needs to plant valid and too-early repairs and to judge
 * severity, written from the spec in plain TypeScript (never by running the product's models).
 */
export type Severity = '轻微' | '一般' | '严重';

const SEVERE = new Set([
  '吊销许可证件',
  '降低资质等级',
  '责令关闭',
  '责令停产停业',
  '限制开展生产经营活动',
  '限制从业',
  '行政拘留',
]);

export function severityOf(p: Penalty, fineWan: number | null = p.fineWan): Severity {
  if (p.severityColumn) return p.severityColumn;
  const cats = p.categories.map((c) => (c.startsWith('其他') ? '其他' : c));
  if (cats.length === 0) return '一般';
  if (cats.some((c) => SEVERE.has(c))) return '严重';
  if (cats.every((c) => c === '警告' || c === '通报批评')) return '轻微';
  const onlyFine = cats.includes('罚款') && cats.every((c) => c === '罚款' || c === '警告');
  const bound = p.subject.kind === '自然人' ? 200 : 3000;
  if (onlyFine && fineWan !== null && fineWan * 10000 <= bound) return '轻微';
  return '一般';
}

/** "+ N months": same day N months later, or the month's last day when it has no such day. */
export function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const d = Number(date.slice(8, 10));
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The minimum publication period's end; a repair before it is too early (rules.md §3). */
export function minimumEnd(p: Penalty, severity: Severity): string {
  if (severity === '轻微') return p.decision;
  if (severity === '一般') return addMonths(p.decision, 3);
  return p.decision >= '2023-05-01' ? addMonths(p.decision, 12) : addMonths(p.decision, 6);
}

export function inWindow(date: string, asOf: string, days: number): boolean {
  return date <= asOf && date > addDays(asOf, -days);
}
