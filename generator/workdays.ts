import chineseDays from 'chinese-days';
import { addDays } from '../lib/dates.js';
import { calendarOverrides } from './reference.js';

/**
 * China's official working days (weekends and statutory holidays off, 调休 Saturdays on), cached
 * per date (override rows of data/reference first, as ref.calendar does) because the package is slow
 * per call and the generator asks about the same few thousand dates again and again.
 */
const cache = new Map<string, boolean>(calendarOverrides());

export function isWorkday(date: string): boolean {
  let v = cache.get(date);
  if (v === undefined) {
    v = chineseDays.isWorkday(date);
    cache.set(date, v);
  }
  return v;
}

/** The n-th working day after `date`; the day itself is not counted (rules.md §7). */
export function nthWorkdayAfter(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkday(d)) left--;
  }
  return d;
}

/** An adjusted working day (a weekend day worked in exchange for a holiday) within [from, to]. */
export function adjustedWorkdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if ((dow === 0 || dow === 6) && isWorkday(d)) out.push(d);
  }
  return out;
}

/** A weekday that is a statutory holiday within [from, to]. */
export function weekdayHolidays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6 && !isWorkday(d)) out.push(d);
  }
  return out;
}
