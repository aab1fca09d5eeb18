/**
 * The date a report's follow-up is judged at (issue 18 item 6). A report made from current data runs on
 * the real date. A report made from old data (a replayed history, the demo's county as of 2025-12-31)
 * runs on its own clock: its as-of plus the working days elapsed since it was issued, so it is pending
 * the day it is issued and overdue only once its departments have really had the working days it gives.
 *
 * "Current": issued no more than `reports.current_data_days` calendar days after its build's as-of (the
 * monthly run issues on the 5th from a build of the month's end). Working days are those of China's
 * official calendar as the chinese-days package knows it (Monday–Friday in years it does not cover).
 */
import { addDays, todayInShanghai } from '../dates.js';
import { isPackageWorkingDay } from '../reference/package-calendar.js';
import type { IssuedReport } from './productSources.js';

/** The date at which one report's assignments are judged. */
export type FollowUpClock = (report: Pick<IssuedReport, 'as_of' | 'issued_at'>) => string;

/** Every report judged at one date (the CLI's explicit --as-of, the tests). */
export const fixedClock =
  (date: string): FollowUpClock =>
  () =>
    date;

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Working days after `from` up to and including `to` (none when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isPackageWorkingDay(d)) n++;
  return n;
}

/** The Nth working day after `date` (the day itself not counted); `date` itself for n = 0. */
export function addWorkingDaysTo(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isPackageWorkingDay(d)) left--;
  }
  return d;
}

export function isCurrent(report: Pick<IssuedReport, 'as_of' | 'issued_at'>, currentDataDays: number): boolean {
  return daysBetween(report.as_of, todayInShanghai(new Date(report.issued_at))) <= currentDataDays;
}

/** The real date for a report of current data, else its as-of plus the working days since its issue. */
export function reportClock(today: string, currentDataDays: number): FollowUpClock {
  return (report) => {
    if (isCurrent(report, currentDataDays)) return today;
    const issued = todayInShanghai(new Date(report.issued_at));
    const shifted = addWorkingDaysTo(report.as_of, workingDaysBetween(issued, today));
    return shifted < today ? shifted : today;
  };
}
