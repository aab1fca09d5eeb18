/**
 * Date, period, year and number parsing macros for the formats of sources.md "Conventions". Every
 * parse goes through try_cast, so an impossible date (2025-02-30) or time (25:00) gives NULL, never an
 * error, and nothing depends on the session time zone except through the explicit Asia/Shanghai below.
 */
import { letIn, lit, macro, WS } from './sqlText.js';

export interface DateMacroOptions {
  /** A bare number in this range (inclusive) is an Excel serial day, 1899-12-30 + n. */
  serialMin: number;
  serialMax: number;
}

// Year, then one of the separated forms (month and day with or without a leading zero) or the
// compact YYYYMMDD, then whatever follows (a time, checked separately).
const DATE_RE = [
  String.raw`^([0-9]{4})(?:`,
  String.raw`-([0-9]{1,2})-([0-9]{1,2})`,
  String.raw`|/([0-9]{1,2})/([0-9]{1,2})`,
  String.raw`|\.([0-9]{1,2})\.([0-9]{1,2})`,
  String.raw`|\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日`,
  String.raw`|([0-9]{2})([0-9]{2})`,
  String.raw`)(.*)$`,
].join('');
const DATE_GROUPS = ['y', 'm1', 'd1', 'm2', 'd2', 'm3', 'd3', 'm4', 'd4', 'm5', 'd5', 'rest'];
// A time after a space or ISO 'T', with optional seconds, fraction and zone (Z, +08:00, +0800, +08).
const TIME_RE = [
  String.raw`^(?:\s+|T)([0-9]{1,2}):([0-9]{2})`, // separator, hour, minute
  String.raw`(?::([0-9]{2})(?:\.[0-9]+)?)?`, // seconds and fraction
  String.raw`\s*(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$`, // zone
].join('');
const TIME_GROUPS = ['h', 'mi', 'sec', 'zone'];
const PERIOD_RE = String.raw`^([0-9]{4})(?:-([0-9]{1,2})|/([0-9]{1,2})|([0-9]{2})|\s*年\s*([0-9]{1,2})\s*月)$`;
const NUMBER_RE = String.raw`[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?`;

const groups = (names: string[]) => `[${names.map(lit).join(', ')}]`;
const first = (x: string, fields: string[]) => `coalesce(${fields.map((f) => `nullif(${x}.${f}, '')`).join(', ')})`;

export function dateMacrosSql(opts: DateMacroOptions): string[] {
  if (!Number.isInteger(opts.serialMin) || !Number.isInteger(opts.serialMax)) {
    throw new RangeError('Excel serial bounds must be integers');
  }
  return [
    macro(`cs__trim(s)`, `regexp_replace(cs_nfkc(s), ${lit(`^${WS}+|${WS}+$`)}, '', 'g')`),
    // 'YYYY-M-D' text for try_cast; NULL when no format matched.
    macro(
      `cs__ymd(x)`,
      `x.y || '-' || ${first('x', ['m1', 'm2', 'm3', 'm4', 'm5'])} || '-' || ` +
        `${first('x', ['d1', 'd2', 'd3', 'd4', 'd5'])}`,
    ),
    // A zoned time is an instant: its date is the Asia/Shanghai calendar date of that instant.
    macro(
      `cs__date_with_time(ymd, t)`,
      letIn(
        't',
        'tm',
        `case
         when tm.h = '' then null
         when try_cast(ymd || ' ' || tm.h || ':' || tm.mi || ':' || coalesce(nullif(tm.sec, ''), '00') as timestamp)
           is null then null
         when tm.zone = '' then try_cast(ymd as date)
         else timezone('Asia/Shanghai',
           try_cast(ymd || ' ' || tm.h || ':' || tm.mi || ':' || coalesce(nullif(tm.sec, ''), '00')
             || case when tm.zone = 'Z' then '+00:00' else tm.zone end as timestamptz))::date
       end`,
      ),
    ),
    macro(
      `cs__date_from_match(x)`,
      letIn(
        'x',
        'dm',
        letIn(
          'cs__ymd(dm)',
          'ymd',
          `case
         when dm.rest = '' then try_cast(ymd as date)
         else cs__date_with_time(ymd, regexp_extract(dm.rest, ${lit(TIME_RE)}, ${groups(TIME_GROUPS)}))
       end`,
        ),
      ),
    ),
    macro(
      `cs_parse_date(s)`,
      letIn(
        'cs__trim(s)',
        'dt',
        `case
         when regexp_full_match(dt, '[0-9]{8}') then
           try_cast(substr(dt, 1, 4) || '-' || substr(dt, 5, 2) || '-' || substr(dt, 7, 2) as date)
         when regexp_full_match(dt, '[0-9]+(\\.[0-9]+)?') then
           case when floor(dt::double) between ${opts.serialMin} and ${opts.serialMax}
             then date '1899-12-30' + floor(dt::double)::integer end
         else cs__date_from_match(regexp_extract(dt, ${lit(DATE_RE)}, ${groups(DATE_GROUPS)}))
       end`,
      ),
    ),
    macro(
      `cs__period_from_match(x)`,
      letIn(
        'x',
        'pm',
        `try_cast(nullif(pm.y, '') || '-' || ${first('pm', ['m1', 'm2', 'm3', 'm4'])} || '-01' as date)`,
      ),
    ),
    macro(
      `cs_parse_period(s)`,
      `cs__period_from_match(regexp_extract(cs__trim(s), ${lit(PERIOD_RE)}, ['y', 'm1', 'm2', 'm3', 'm4']))`,
    ),
    macro(
      `cs_parse_year(s)`,
      `try_cast(nullif(regexp_extract(cs__trim(s), '^([0-9]{4})(?:年度)?$', 1), '') as integer)`,
    ),
    macro(
      `cs__number_from_text(t)`,
      letIn('t', 'nt', `case when regexp_full_match(nt, ${lit(NUMBER_RE)}) then try_cast(nt as double) end`),
    ),
    // Thousands separators are dropped wherever they stand: extracts misplace them, the digits are right.
    macro(
      `cs_parse_number(s)`,
      `cs__number_from_text(regexp_replace(cs_nfkc(s), ${lit(`${WS.slice(0, -1)},]`)}, '', 'g'))`,
    ),
  ];
}
