/** Due dates in working days on China's official calendar, as the build's ref.calendar holds it. */
import { sql } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';
import { InputError } from '../../lib/errors.js';

/** The Nth working day after `date` (the day itself not counted), as §7 counts working days. */
export async function addWorkingDays(db: Db, date: string, n: number): Promise<string> {
  const due = await queryDb(db)
    .selectFrom('ref.calendar')
    .select(sql<string>`date::varchar`.as('date'))
    .where('date', '>', sql<string>`${date}::date`)
    .where('is_working_day', '=', true)
    .orderBy('date')
    .limit(1)
    .offset(n - 1)
    .executeTakeFirst();
  if (!due)
    throw new InputError(`the working-day calendar of the build does not reach ${n} working days after ${date}`);
  return due.date;
}
