/** A report period is a calendar month, `YYYY-MM`; its report is made from a build dated in the month after. */
import { InputError } from '../../lib/errors.js';

export interface Period {
  period: string;
  /** Last day of the month. */
  end: string;
  /** Last day of the following month: the latest build as-of a report about this period accepts. */
  latestAsOf: string;
}

const lastDay = (year: number, month: number): string => {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
};

export function parsePeriod(text: string): Period {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!m) throw new InputError(`--period must be YYYY-MM, got "${text}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  return { period: text, end: lastDay(year, month), latestAsOf: lastDay(year, month + 1) };
}

/** The period a run on `date` reports on: the month before it. */
export function previousPeriod(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** `2026-03-31` → `2026年3月31日`, as dates are written in Chinese prose. */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export function chinesePeriod(period: string): string {
  return `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`;
}
