/**
 * ref.calendar: every date of every year the `chinese-days` package covers, plus every year the
 * override file mentions; override rows replace the package's answer for their date.
 */
import type { Db } from '../db.js';
import { literal } from '../db.js';
import { checkHeader } from './csv-header.js';
import { expectNone } from './checks.js';
import { referencePath, REFERENCE_FILES } from './files.js';
import { packageCalendarRows, packageYears, weekdayRows, type CalendarRow } from './package-calendar.js';

export const OVERRIDE_SOURCE = REFERENCE_FILES.calendarOverrides;
const OVERRIDE_COLUMNS = ['date', 'is_working_day', 'name', 'source'] as const;

async function stageOverrides(db: Db, dir: string): Promise<void> {
  const path = referencePath(dir, 'calendarOverrides');
  checkHeader(path, OVERRIDE_COLUMNS);
  await db.run(`
    create or replace temp table calendar_overrides as
    select date, is_working_day, nullif(trim(name), '') as name, nullif(trim(source), '') as source
    from read_csv(${literal(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = {'date': 'DATE', 'is_working_day': 'BOOLEAN', 'name': 'VARCHAR', 'source': 'VARCHAR'})`);
  const f = REFERENCE_FILES.calendarOverrides;
  await expectNone(
    db,
    f,
    'every row needs a date and is_working_day',
    `select * from calendar_overrides where date is null or is_working_day is null`,
  );
  await expectNone(
    db,
    f,
    'a date may appear once',
    `select date from calendar_overrides group by date having count(*) > 1`,
  );
}

async function appendRows(db: Db, rows: readonly CalendarRow[]): Promise<void> {
  const app = await db.appender('calendar', 'ref');
  try {
    for (const r of rows) {
      app.appendVarchar(r.date);
      app.appendBoolean(r.isWorkingDay);
      app.appendBoolean(r.isHoliday);
      app.appendBoolean(r.isAdjustedWorkingDay);
      if (r.holidayName === null) app.appendNull();
      else app.appendVarchar(r.holidayName);
      app.appendVarchar(r.source);
      app.endRow();
    }
    app.flushSync();
  } finally {
    app.closeSync();
  }
}

export interface CalendarBuild {
  packageYears: number[];
  overrideYears: number[];
  rows: number;
}

/** Builds ref.calendar inside the caller's transaction. */
export async function loadCalendar(db: Db, dir: string): Promise<CalendarBuild> {
  await stageOverrides(db, dir);
  const pkgYears = packageYears();
  const overrideYears = (
    await db.all<{ y: number }>(`select distinct year(date)::integer as y from calendar_overrides order by y`)
  ).map((r) => r.y);
  const extraYears = overrideYears.filter((y) => !pkgYears.includes(y));

  await db.run(`
    create or replace table ref.calendar (
      date DATE primary key,
      is_working_day BOOLEAN not null,
      is_holiday BOOLEAN not null,
      is_adjusted_working_day BOOLEAN not null,
      holiday_name VARCHAR,
      source VARCHAR not null
    )`);
  const rows = packageCalendarRows(pkgYears);
  for (const y of extraYears) rows.push(...weekdayRows(y, `${OVERRIDE_SOURCE} (Mon–Fri outside listed dates)`));
  await appendRows(db, rows);

  // A listed day off is a holiday unless it is a plain weekend day with no name.
  await db.run(`
    insert or replace into ref.calendar
    select
      date,
      is_working_day,
      not is_working_day and (name is not null or isodow(date) < 6) as is_holiday,
      is_working_day and isodow(date) >= 6 as is_adjusted_working_day,
      name as holiday_name,
      ${literal(OVERRIDE_SOURCE)} || coalesce(': ' || source, '') as source
    from calendar_overrides`);
  await db.run(`drop table calendar_overrides`);
  const total = await db.value<number>(`select count(*) from ref.calendar`);
  return { packageYears: pkgYears, overrideYears, rows: total };
}
