/** Due dates in working days on China's official calendar, as the build's ref.calendar holds it. */
import type { Db } from '../../lib/db.js';
import { InputError } from '../../lib/errors.js';

/** The Nth working day after `date` (the day itself not counted), as §7 counts working days. */
export async function addWorkingDays(db: Db, date: string, n: number): Promise<string> {
  const due = await db.one<{ date: string }>(
    `select date::varchar as date from ref.calendar
     where date > ?::date and is_working_day
     order by date
     limit 1 offset ?`,
    [date, n - 1],
  );
  if (!due)
    throw new InputError(`the working-day calendar of the build does not reach ${n} working days after ${date}`);
  return due.date;
}
