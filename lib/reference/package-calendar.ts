/**
 * China's official working-day calendar as the `chinese-days` package knows it, one row per date.
 * The package answers per date and silently treats a year it lacks as plain Monday–Friday, so the
 * years it really covers are found first and only those are materialised.
 */
import chineseDays from 'chinese-days';
import { createRequire } from 'node:module';

type DaysApi = typeof chineseDays.default;

// Node loads the package's CommonJS build (the API sits under .default); Vite, and so the tests,
// loads its ES build (the default export is the API itself, with an unrelated .default inside).
function api(): DaysApi {
  const m = chineseDays as unknown as DaysApi & { default?: Partial<DaysApi> };
  return typeof m.getDayDetail === 'function' ? m : (m.default as DaysApi);
}
const days = api();

export interface CalendarRow {
  date: string;
  isWorkingDay: boolean;
  isHoliday: boolean;
  isAdjustedWorkingDay: boolean;
  holidayName: string | null;
  source: string;
}

export const CALENDAR_PACKAGE_VERSION: string = (
  createRequire(import.meta.url)('chinese-days/package.json') as { version: string }
).version;

export const PACKAGE_SOURCE = `chinese-days@${CALENDAR_PACKAGE_VERSION}`;

// Far enough on both sides to find every year a future package version adds.
const SCAN_FROM = 1990;
const SCAN_TO = 2100;

/** Years in which the package lists at least one statutory holiday: the years it really covers. */
export function packageYears(): number[] {
  const years: number[] = [];
  for (let y = SCAN_FROM; y <= SCAN_TO; y++) {
    // includeWeekends=false: only the official arrangement, never an ordinary weekend.
    if (days.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length > 0) years.push(y);
  }
  return years;
}

export function datesOfYear(year: number): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(year, 0, 1));
  while (d.getUTCFullYear() === year) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * The package names an arranged day "English,中文,n" (holiday or adjusted working day) and any
 * other day by its weekday ("Monday"), so a comma marks the official arrangement.
 */
function arrangementName(name: string): string | null {
  const parts = name.split(',');
  return parts.length >= 2 ? (parts[1] ?? null) : null;
}

export function packageCalendarRows(years: readonly number[]): CalendarRow[] {
  const rows: CalendarRow[] = [];
  for (const year of years) {
    for (const date of datesOfYear(year)) {
      const detail = days.getDayDetail(date);
      const holidayName = arrangementName(detail.name);
      rows.push({
        date,
        isWorkingDay: detail.work,
        isHoliday: !detail.work && holidayName !== null,
        isAdjustedWorkingDay: detail.work && holidayName !== null && isWeekend(date),
        holidayName,
        source: PACKAGE_SOURCE,
      });
    }
  }
  return rows;
}

/** Monday–Friday, for a year only the override file knows: the override rows then replace dates. */
export function weekdayRows(year: number, source: string): CalendarRow[] {
  return datesOfYear(year).map((date) => ({
    date,
    isWorkingDay: !isWeekend(date),
    isHoliday: false,
    isAdjustedWorkingDay: false,
    holidayName: null,
    source,
  }));
}

/** Whether the package counts `date` as a working day (Monday–Friday in a year it does not cover). */
export function isPackageWorkingDay(date: string): boolean {
  return days.isWorkday(date);
}
