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
    fn(`list_contains(a anyarray, x anyelement)`, 'boolean', `select x = any(a)`),
    fn(`cs__first(a anyelement, b anyelement)`, 'anyelement', `select a`).replace('immutable', 'immutable strict'),
    `create or replace aggregate cs.any_value(anyelement) (sfunc = cs.cs__first, stype = anyelement);`,
  ].join('\n');
}
