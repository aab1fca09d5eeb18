import type { Db } from '../db.js';
import { addDays } from '../dates.js';

export interface CalendarCoverage {
  /**
   * Last date of the unbroken run of calendar dates that starts at as-of (the day before as-of when
   * as-of itself is missing).
   */
  coveredUntil: string;
  ok: boolean;
  message: string;
}

/**
 * Whether ref.calendar covers as-of through as-of + `days`. A gap is a warning for the caller to
 * log, never an error: working-day counts past the last covered date fall back to nothing.
 */
export async function calendarCoverage(db: Db, asOf: string, days: number): Promise<CalendarCoverage> {
  const target = addDays(asOf, days);
  const row = await db.one<{ first_missing: string | null; last_date: string | null }>(
    `with wanted as (
       select d::date as date
       -- range() excludes its end: this runs through the day after the later of target and the last date
       from range(?::date,
                  greatest(coalesce((select max(date) from ref.calendar), ?::date), ?::date) + interval 2 day,
                  interval 1 day) r(d)
     )
     select
       (select min(w.date) from wanted w anti join ref.calendar c using (date)) as first_missing,
       (select max(date) from ref.calendar) as last_date`,
    [asOf, asOf, target],
  );
  const firstMissing = row?.first_missing ?? null;
  const coveredUntil = firstMissing === null ? (row?.last_date ?? addDays(asOf, -1)) : addDays(firstMissing, -1);
  const ok = coveredUntil >= target;
  const message = ok
    ? `working-day calendar covers ${asOf} + ${days} days (${target}); covered until ${coveredUntil}`
    : `working-day calendar covers only until ${coveredUntil}, but as-of ${asOf} + ${days} days is ${target}: ` +
      `add the official holiday arrangement for ${target.slice(0, 4)} to data/reference/calendar_overrides.csv ` +
      `(or update chinese-days); working-day counts past ${coveredUntil} are not reliable`;
  return { coveredUntil, ok, message };
}
