/**
 * The PostgreSQL implementations of the functions the models call by name: the cs_ normalisers and
 * validators (lib/sql/macros/ for DuckDB, the SQL twins of lib/validate) and the DuckDB functions
 * PostgreSQL 15 lacks (len, list_contains, any_value). Installed in schema `cs`, first on the build's
 * search_path. test/engine/postgres-functions.test.ts compares them with the DuckDB macros.
 */
import { literal } from '../../../../lib/db.js';
import { USCC_CHARSET } from '../../../../lib/validate/uscc.js';

// Whitespace as JavaScript's \s sees it (lib/sql/macros/sqlText.ts WS), in PostgreSQL's regex syntax.
const WS = String.raw`[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]`;
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const fn = (signature: string, returns: string, body: string) =>
  `create or replace function cs.${signature} returns ${returns} language sql immutable parallel safe as $cs$ ${body.trim()} $cs$;`;

/** Σ value(character i) × weight i over text b: the dot product the DuckDB macros compute with lists. */
const weightedSum = (b: string, value: (c: string) => string, weights: readonly number[]) => {
  const char = value(`substr(${b}, i::integer, 1)`);
  return `(select sum((${char}) * w)::integer from unnest(array[${weights.join(', ')}]) with ordinality as t(w, i))`;
};

export function functionsSql(): string {
  const uscc = (c: string) => `strpos(${literal(USCC_CHARSET)}, ${c}) - 1`;
  const org = (c: string) => `strpos(${literal(ORG_ALPHABET)}, ${c}) - 1`;
  const digit = (c: string) => `ascii(${c}) - 48`;
  return [
    `create schema if not exists cs;`,
    fn(`cs_nfkc(s text)`, 'text', `select normalize(s, NFKC)`),
    fn(`cs_norm(s text)`, 'text', `select nullif(regexp_replace(cs.cs_nfkc(s), ${literal(WS)}, '', 'g'), '')`),
    fn(`cs_norm_docno(s text)`, 'text', `select translate(cs.cs_norm(s), '[【(]】)', '〔〔〔〕〕〕')`),
    fn(`cs_norm_code(s text)`, 'text', `select upper(cs.cs_norm(s))`),
    fn(
      `cs__uscc_check_char(b text)`,
      'text',
      `select substr(${literal(USCC_CHARSET)}, (31 - ${weightedSum('b', uscc, USCC_WEIGHTS)} % 31) % 31 + 1, 1)`,
    ),
    fn(
      `cs_uscc_valid(u text)`,
      'boolean',
      `select case when u ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'
         then cs.cs__uscc_check_char(substr(u, 1, 17)) = substr(u, 18, 1) else false end`,
    ),
    fn(
      `cs__org_check_char(o text)`,
      'text',
      `select substr('0123456789X0', 11 - ${weightedSum('o', org, ORG_WEIGHTS)} % 11 + 1, 1)`,
    ),
    fn(
      `cs_uscc_org_check_ok(u text)`,
      'boolean',
      `select case when cs.cs_uscc_valid(u) then cs.cs__org_check_char(substr(u, 9, 8)) = substr(u, 17, 1) else false end`,
    ),
    fn(
      `cs__id_check_char(b text)`,
      'text',
      `select substr('10X98765432', ${weightedSum('b', digit, ID_WEIGHTS)} % 11 + 1, 1)`,
    ),
    fn(
      `cs_id_norm(s text)`,
      'text',
      `select case when n ~ '^[0-9]{15}$'
         then (substr(n, 1, 6) || '19' || substr(n, 7)) || cs.cs__id_check_char(substr(n, 1, 6) || '19' || substr(n, 7))
         else n end from (select cs.cs_norm_code(s) as n) as x`,
    ),
    fn(
      `cs_id_valid(i text)`,
      'boolean',
      `select case when i ~ '^[0-9]{17}[0-9X]$'
         then cs.cs__id_check_char(substr(i, 1, 17)) = substr(i, 18, 1) else false end`,
    ),
    fn(
      `cs_id_mask(m text)`,
      'text',
      `select case when length(m) <= 10 then repeat('*', length(m))
         else left(m, 6) || repeat('*', length(m) - 10) || right(m, 4) end`,
    ),
    // DuckDB's names for what PostgreSQL spells otherwise.
    fn(`len(a anyarray)`, 'integer', `select coalesce(cardinality(a), 0)`),
    fn(`len(s text)`, 'integer', `select length(s)`),
    // A list of structs is a JSON array on PostgreSQL (dialect.ts struct_list).
    fn(`len(j json)`, 'integer', `select json_array_length(j)`),
    fn(`list_contains(a anyarray, x anyelement)`, 'boolean', `select x = any(a)`),
    fn(`contains(s text, part text)`, 'boolean', `select strpos(s, part) > 0`),
    // DuckDB's regexp_matches is a boolean partial match (cs is searched before pg_catalog, whose one is a set).
    fn(`regexp_matches(s text, pattern text)`, 'boolean', `select s ~ pattern`),
    fn(`cs__first(a anyelement, b anyelement)`, 'anyelement', `select a`).replace('immutable', 'immutable strict'),
    `create or replace aggregate cs.any_value(anyelement) (sfunc = cs.cs__first, stype = anyelement);`,
    ...divisionOperators(),
    ...listFunctions(),
    ...dateFunctions(),
    ...castFunctions(),
  ].join('\n');
}

/**
 * DuckDB's `/` of two integers is a double division (`//` truncates), and of decimals (`100.0`) a
 * double one too; PostgreSQL's truncates integers and keeps numerics exact. The cs operators win over
 * pg_catalog's, which the build's search_path puts after cs.
 */
function divisionOperators(): string[] {
  const pairs = [
    ['integer', 'integer'],
    ['bigint', 'bigint'],
    ['integer', 'bigint'],
    ['bigint', 'integer'],
    ['numeric', 'integer'],
    ['numeric', 'bigint'],
    ['numeric', 'numeric'],
    ['integer', 'numeric'],
    ['bigint', 'numeric'],
  ];
  return pairs.flatMap(([a, b]) => [
    fn(`cs__divide(a ${a}, b ${b})`, 'double precision', `select a::double precision / b`),
    `do $$ begin create operator cs./ (leftarg = ${a}, rightarg = ${b}, function = cs.cs__divide);
     exception when duplicate_function then null; end $$;`,
  ]);
}

/** DuckDB's list aggregate and list functions over PostgreSQL arrays (text sorts by code point: C collation). */
function listFunctions(): string[] {
  return [
    // list() keeps NULLs, as array_agg does; an aggregate of our own so `list(x order by y)` reads the same.
    `create or replace aggregate cs.list(anycompatible) (sfunc = array_append, stype = anycompatiblearray);`,
    // flatten(list(x)): the group's lists concatenated (NULL lists add nothing, as flatten skips them).
    `create or replace aggregate cs.list_concat(anycompatiblearray) (sfunc = array_cat, stype = anycompatiblearray);`,
    fn(
      `list_sort(a anyarray)`,
      'anyarray',
      `select case when a is null then null else coalesce((select array_agg(x order by x nulls first) from unnest(a) as x), a[0:-1]) end`,
    ),
    fn(
      `list_sort(a text[])`,
      'text[]',
      `select case when a is null then null else coalesce((select array_agg(x order by x collate "C" nulls first) from unnest(a) as x), '{}') end`,
    ),
    // list_distinct drops NULLs; its order is unspecified on DuckDB too (the models sort it).
    fn(
      `list_distinct(a anyarray)`,
      'anyarray',
      `select case when a is null then null else coalesce((select array_agg(distinct x) from unnest(a) as x where x is not null), a[0:-1]) end`,
    ),
    fn(`list_has_any(a anyarray, b anyarray)`, 'boolean', `select a && b`),
    fn(`list_bool_and(a boolean[])`, 'boolean', `select bool_and(x) from unnest(a) as x`),
    // list_sum: NULL for an empty list, as DuckDB's.
    fn(`list_sum(a integer[])`, 'bigint', `select sum(x) from unnest(a) as x`),
    fn(`list_sum(a bigint[])`, 'numeric', `select sum(x) from unnest(a) as x`),
    fn(`list_sum(a double precision[])`, 'double precision', `select sum(x) from unnest(a) as x`),
    fn(`list_sum(a numeric[])`, 'numeric', `select sum(x) from unnest(a) as x`),
  ];
}

/** strftime's directives in to_char's terms; anything else is quoted so to_char prints it as it is. */
const STRFTIME: Record<string, string> = { '%Y': 'YYYY', '%m': 'MM', '%d': 'DD', '%-m': 'FMMM', '%-d': 'FMDD' };

function dateFunctions(): string[] {
  const toChar = `regexp_replace(regexp_replace(f, '(%-?[a-zA-Z])|([^%]+)', '\\1"\\2"', 'g'), '""', '', 'g')`;
  // The format strings the models use are constants: translate them once per call, in SQL.
  let translated = toChar;
  for (const [k, v] of Object.entries(STRFTIME).sort((a, b) => b[0].length - a[0].length))
    translated = `replace(${translated}, ${literal(k)}, ${literal(v)})`;
  return [
    fn(`strftime(d timestamp, f text)`, 'text', `select to_char(d, ${translated})`),
    fn(`strftime(d date, f text)`, 'text', `select to_char(d, ${translated})`),
    fn(`strftime(d timestamptz, f text)`, 'text', `select to_char(d, ${translated})`),
    fn(`last_day(d timestamptz)`, 'date', `select (date_trunc('month', d) + interval '1 month - 1 day')::date`),
    fn(`last_day(d timestamp)`, 'date', `select (date_trunc('month', d) + interval '1 month - 1 day')::date`),
    fn(`to_months(n integer)`, 'interval', `select make_interval(months => n)`),
    fn(`to_months(n bigint)`, 'interval', `select make_interval(months => n::integer)`),
    fn(`to_years(n integer)`, 'interval', `select make_interval(years => n)`),
    fn(`to_years(n bigint)`, 'interval', `select make_interval(years => n::integer)`),
    // range(n) as DuckDB's table function (0..n-1), range(from, to, step) as its list function (end excluded).
    fn(`range(n bigint)`, 'setof bigint', `select generate_series(0::bigint, n - 1)`),
    fn(
      `range(a timestamp, b timestamp, step interval)`,
      'timestamp[]',
      `select array(select g from generate_series(a, b, step) as g where g < b order by g)`,
    ),
  ];
}

/**
 * try_cast(x as type): the cast, or NULL where the text does not read as the type. Parallel unsafe:
 * the exception block is a subtransaction, which PostgreSQL refuses anywhere in a parallel query, leader
 * included (the city's int_penalties_assessed got a parallel plan and failed with "cannot start
 * subtransactions during a parallel operation"); a query that casts so runs without parallel workers.
 */
function castFunctions(): string[] {
  const tryCast = (type: string, name = type) =>
    `create or replace function cs.try_cast_${name}(s text) returns ${type} language plpgsql immutable parallel unsafe as $cs$
     begin return s::${type}; exception when others then return null; end $cs$;`;
  return [
    // DuckDB's DOUBLE, so `x::double` reads the same on both engines.
    `do $$ begin create domain cs.double as double precision; exception when duplicate_object then null; end $$;`,
    tryCast('date'),
    tryCast('integer'),
    tryCast('double precision', 'double'),
    // from_json(text, '["JSON"]'): the list's elements (the config() lists of records, rendered as JSON text).
    fn(
      `from_json(j json, shape text)`,
      'json[]',
      `select array(select e from json_array_elements(j) with ordinality as t(e, i) order by i)`,
    ),
    fn(`from_json(j text, shape text)`, 'json[]', `select cs.from_json(j::json, shape)`),
  ];
}
