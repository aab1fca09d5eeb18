/**
 * Turns a source contract and a file's header mapping into SQL: the raw table's DDL, and one
 * INSERT … SELECT that parses, validates, keys and quarantines every row of a part in bulk. The work
 * stays inside DuckDB because moving rows through JavaScript is the slow part (STACK.md).
 */
import type { FieldSpec, SourceContract } from './contracts/types.js';
import type { HeaderMapping } from './headers.js';
import { ident, literal } from '../../lib/db.js';

/** Metadata columns every raw table starts with. */
export const RAW_META_COLUMNS = [
  ['_file_id', 'BIGINT NOT NULL'],
  ['_part', 'INTEGER NOT NULL'],
  ['_row_number', 'INTEGER NOT NULL'],
  ['_reason', 'VARCHAR'],
  ['_findings', 'VARCHAR[] NOT NULL'],
  ['_key', 'VARCHAR'],
  ['_cells', 'VARCHAR[] NOT NULL'],
] as const;

function sqlType(f: FieldSpec): string {
  switch (f.type) {
    case 'date':
    case 'period':
      return 'DATE';
    case 'year':
    case 'int':
      return 'INTEGER';
    case 'amount':
      return 'DOUBLE';
    default:
      return 'VARCHAR';
  }
}

export function rawTableDdl(contract: SourceContract): string {
  const cols = [
    ...RAW_META_COLUMNS.map(([n, t]) => `${n} ${t}`),
    ...contract.fields.map((f) => `${ident(f.name)} ${sqlType(f)}`),
    ...(contract.derived ?? []).map((d) => `${ident(d.name)} ${d.type}`),
  ];
  return `create table if not exists raw.${ident(contract.source)} (\n  ${cols.join(',\n  ')}\n)`;
}

/** Where the rows of one part are: a temp table with cells c0…c{n-1}. */
export interface CellsSource {
  table: string;
  /** SQL giving the row's 1-based position within the part. */
  rowExpr: string;
  /** SQL giving 'unreadable_row' (or another reason) for rows that could not be read, else NULL. */
  badExpr: string;
  /** Number of header columns. */
  headerCount: number;
  /** Extra cell columns beyond the header (CSV rows longer than the header land here). */
  overflowCount: number;
  /** Whether a value in an overflow column makes the row unreadable (CSV: its cells are shifted). */
  overflowIsError: boolean;
  /** Records in the table, blank ones included. */
  rows: number;
}

export interface InsertOptions {
  fileId: number;
  part: number;
  rowOffset: number;
  unitErrorThresholdYuan: number;
}

/** Characters trimmed from both ends of a cell: ASCII whitespace, NBSP, ideographic space, BOM. */
const TRIM_CHARS = literal(' \t\n\r\v\f\u00A0\u3000\uFEFF');
// trim() with a character set is a plain scan; a regexp here cost seconds per million rows.
const TRIM = (col: string) => `nullif(trim(${col}, ${TRIM_CHARS}), '')`;

function textExpr(f: FieldSpec, mapping: HeaderMapping): string {
  const cols = mapping.columns.filter((c) => c.field === f.name).map((c) => TRIM(`c${c.index}`));
  if (cols.length === 0) return 'cast(null as varchar)';
  if (cols.length === 1) return cols[0]!;
  return f.combine ? `nullif(concat_ws(';', ${cols.join(', ')}), '')` : `coalesce(${cols.join(', ')})`;
}

function unitFactor(f: FieldSpec, mapping: HeaderMapping): number {
  const col = mapping.columns.find((c) => c.field === f.name && c.unit !== null);
  const unit = col?.unit ?? f.unit ?? 'yuan';
  return unit === 'wan' ? 10000 : 1;
}

function enumExpr(f: FieldSpec, t: string): string {
  const cases = Object.entries(f.values ?? {}).map(([k, v]) => `when ${literal(k)} then ${literal(v)}`);
  const mapped = `case cs_norm(${t}) ${cases.join(' ')} end`;
  if (!f.otherPrefix) return mapped;
  return `case when starts_with(cs_norm(${t}), '其他-') then '其他' else ${mapped} end`;
}

function parsedExpr(f: FieldSpec, mapping: HeaderMapping): string {
  const t = `${ident(`${f.name}__t`)}`;
  switch (f.type) {
    case 'text':
    case 'docno':
      return t;
    case 'uscc':
      return `cs_norm_code(${t})`;
    case 'id_number':
      return `cs_id_norm(${t})`;
    case 'date':
      return `cs_parse_date(${t})`;
    case 'period':
      return `cs_parse_period(${t})`;
    case 'year':
      return `cs_parse_year(${t})`;
    case 'amount':
      return `cs_parse_number(${t}) * ${unitFactor(f, mapping)}`;
    case 'int':
      return `try_cast(cs_parse_number(${t}) as integer)`;
    case 'enum':
      return enumExpr(f, t);
  }
}

/**
 * Columns computed from a parsed value, kept beside it in the staging tables (not stored in raw): the
 * checks read them instead of evaluating the check-character macros again for each finding.
 */
const EXTRAS: Partial<Record<FieldSpec['type'], readonly (readonly [string, (parsed: string) => string])[]>> = {
  uscc: [
    ['valid', (p) => `coalesce(cs_uscc_valid(${p}), false)`],
    ['org_ok', (p) => `cs_uscc_org_check_ok(${p})`],
  ],
};

/** Parts with at least this many rows are loaded in stages (temp tables, dictionaries); smaller in one statement. */
const STAGED_ROWS = 20_000;

/** Field types whose parsed value depends only on the text, parsed once per distinct text. */
const DICTIONARY_TYPES = new Set(['date', 'period', 'year', 'uscc', 'id_number', 'enum', 'amount']);

const isDateLike = (f: FieldSpec) => f.type === 'date' || f.type === 'period' || f.type === 'year';

/** The checks of one field that quarantine a row (★ fields), in order. */
function blockingChecks(f: FieldSpec): string[] {
  if (f.required !== 'blocking') return [];
  const t = ident(`${f.name}__t`);
  const checks = [`case when ${t} is null then ${literal(`missing_required:${f.header}`)} end`];
  if (isDateLike(f)) checks.push(`case when ${ident(f.name)} is null then ${literal(`unreadable_date:${f.header}`)} end`);
  return checks;
}

/** Findings of one field: loaded with the row, they make it non-compliant (sources.md). */
function fieldFindings(f: FieldSpec, opts: InsertOptions): string[] {
  const t = ident(`${f.name}__t`);
  const v = ident(f.name);
  const out: string[] = [];
  if (f.required === 'recommended') {
    const cond = f.requiredWhen ? ` and coalesce(${f.requiredWhen}, false)` : '';
    out.push(`case when ${t} is null${cond} then ${literal(`missing_recommended:${f.header}`)} end`);
  }
  if (isDateLike(f) && f.required !== 'blocking') {
    out.push(`case when ${t} is not null and ${v} is null then ${literal(`unreadable_date:${f.header}`)} end`);
  }
  if (f.type === 'uscc') {
    const cond = f.validWhen ? ` and coalesce(${f.validWhen}, false)` : '';
    const valid = ident(`${f.name}__valid`);
    out.push(`case when ${t} is not null and not ${valid}${cond} then ${literal(`invalid_uscc:${f.header}`)} end`);
    out.push(`case when ${valid} and not ${ident(`${f.name}__org_ok`)} then ${literal(`uscc_org_code_check:${f.header}`)} end`);
  }
  if (f.type === 'amount' || f.type === 'int') {
    out.push(`case when ${t} is not null and ${v} is null then ${literal(`invalid_number:${f.header}`)} end`);
  }
  if (f.unitErrorCheck) {
    out.push(`case when ${v} > ${opts.unitErrorThresholdYuan} then ${literal(`probable_unit_error:${f.header}`)} end`);
  }
  if (f.type === 'enum') {
    out.push(`case when ${t} is not null and ${v} is null then ${literal(`invalid_enum:${f.header}`)} end`);
  }
  return out;
}

/**
 * The statements that load one part of one file: three staging temp tables (texts, parsed values,
 * derived columns), then the INSERT. Staging matters: DuckDB inlines CTEs and macro arguments, so a
 * parsed value referenced by several checks would otherwise be parsed again for each reference.
 */
export function insertStatements(contract: SourceContract, mapping: HeaderMapping, src: CellsSource, opts: InsertOptions): string[] {
  const headerCells = Array.from({ length: src.headerCount }, (_, i) => `c${i}`);
  const overflowCells = Array.from({ length: src.overflowCount }, (_, i) => `c${src.headerCount + i}`);
  const overflow = overflowCells.length && src.overflowIsError ? overflowCells.map((c) => `${TRIM(c)} is not null`).join(' or ') : 'false';
  const anyOverflow = overflowCells.length ? overflowCells.map((c) => `${c} is not null`).join(' or ') : 'false';
  const cells = overflowCells.length
    ? `case when ${anyOverflow} then list_filter([${[...headerCells, ...overflowCells].join(', ')}], (x, i) -> i <= ${src.headerCount} or x is not null) else [${headerCells.join(', ')}] end`
    : `[${headerCells.join(', ')}]`;

  const texts = contract.fields.map((f) => `${textExpr(f, mapping)} as ${ident(`${f.name}__t`)}`);
  const stage = (suffix: string) => ident(`${src.table}_${suffix}`);
  // Dates, codes and enumerations repeat across rows: parse each distinct text once, then join.
  const dictFields = contract.fields.filter((f) => DICTIONARY_TYPES.has(f.type) && mapping.columns.some((c) => c.field === f.name));
  const extras = (f: FieldSpec) => EXTRAS[f.type] ?? [];
  const dictionaries = dictFields.map(
    (f, i) => `create or replace temp table ${stage(`v${i}`)} as
select v, p${extras(f).map(([x, e]) => `, ${e('p')} as ${x}`).join('')}
from (
  select v, ${parsedExpr(f, mapping).replaceAll(ident(`${f.name}__t`), 'v')} as p
  from (select distinct ${ident(`${f.name}__t`)} as v from ${stage('t')} where ${ident(`${f.name}__t`)} is not null)
)`,
  );
  const parsed = contract.fields.flatMap((f) => {
    const i = dictFields.indexOf(f);
    const dict = stage(`v${i}`);
    const value = i >= 0 ? `${dict}.p` : parsedExpr(f, mapping);
    return [
      `${value} as ${ident(f.name)}`,
      ...extras(f).map(([x, e]) => `${i >= 0 ? `${dict}.${x}` : e(value)} as ${ident(`${f.name}__${x}`)}`),
    ];
  });
  const joins = dictFields.map((f, i) => `left join ${stage(`v${i}`)} on ${stage(`v${i}`)}.v = ${stage('t')}.${ident(`${f.name}__t`)}`);
  const derived = (contract.derived ?? []).map((d) => `${d.sql} as ${ident(d.name)}`);

  const reasons: string[] = [];
  for (const f of contract.fields) {
    reasons.push(...blockingChecks(f));
    for (const q of contract.quarantine ?? []) {
      if (q.after === f.name) reasons.push(`case when ${q.when} then ${literal(q.reason)} end`);
    }
  }
  const findings = [
    ...contract.fields.flatMap((f) => fieldFindings(f, opts)),
    ...(contract.findings ?? []).map((r) => `case when coalesce(${r.when}, false) then ${literal(r.code)} end`),
  ];
  const key = `concat_ws('|', ${contract.key.map((k) => `coalesce(${k}, '')`).join(', ')})`;
  const columns = [
    ...RAW_META_COLUMNS.map(([n]) => n),
    ...contract.fields.map((f) => ident(f.name)),
    ...(contract.derived ?? []).map((d) => ident(d.name)),
  ];

  const textsSelect = `select ${src.rowExpr} + ${opts.rowOffset} as _row_number, ${src.badExpr} as _bad, ${overflow} as _overflow,
  case when ${src.badExpr} is not null then [c0] else ${cells} end as _cells,
  ${texts.join(',\n  ')}
from ${src.table}
where not ${blankPredicate(src)}`;
  const derivedSelect = (from: string) => `select *${derived.length ? `, ${derived.join(',\n  ')}` : ''}
from ${from}`;
  const insert = (from: string, ctes = '') => `insert into raw.${ident(contract.source)} (${columns.join(', ')})
${ctes}select
  ${opts.fileId} as _file_id,
  ${opts.part} as _part,
  _row_number,
  coalesce(_bad, case when _overflow then 'unreadable_row' end${reasons.length ? `, ${reasons.join(',\n    ')}` : ''}) as _reason,
  list_filter([${findings.length ? findings.join(',\n    ') : 'cast(null as varchar)'}], x -> x is not null) as _findings,
  ${key} as _key,
  _cells,
  ${[...contract.fields.map((f) => ident(f.name)), ...(contract.derived ?? []).map((d) => ident(d.name))].join(', ')}
from ${from}`;

  // A small part is one statement: planning ~20 statements would cost more than the rows do.
  if (src.rows < STAGED_ROWS) {
    const inline = contract.fields.flatMap((f) => [
      `${parsedExpr(f, mapping)} as ${ident(f.name)}`,
      ...extras(f).map(([x, e]) => `${e(parsedExpr(f, mapping))} as ${ident(`${f.name}__${x}`)}`),
    ]);
    return [
      insert(
        'derived',
        `with texts as (${textsSelect}),\nparsed as (select texts.*, ${inline.join(',\n  ')} from texts),\nderived as (${derivedSelect('parsed')})\n`,
      ),
    ];
  }
  return [
    `create or replace temp table ${stage('t')} as\n${textsSelect}`,
    ...dictionaries,
    `create or replace temp table ${stage('p')} as
select ${stage('t')}.*, ${parsed.join(',\n  ')}
from ${stage('t')}
${joins.join('\n')}`,
    `create or replace temp table ${stage('d')} as\n${derivedSelect(stage('p'))}`,
    insert(stage('d')),
    ...dictFields.map((_, i) => `drop table ${stage(`v${i}`)}`),
    `drop table ${stage('t')}`,
    `drop table ${stage('p')}`,
    `drop table ${stage('d')}`,
  ];
}

/**
 * A blank record: every cell empty or whitespace (one concatenation and one trim per row; a trim per
 * cell cost far more). Blank records are not rows: they are skipped and counted.
 */
function blankPredicate(src: CellsSource): string {
  const cells = Array.from({ length: src.headerCount + src.overflowCount }, (_, i) => `c${i}`);
  const empty = cells.length ? `${TRIM(`concat(${cells.join(', ')})`)} is null` : 'true';
  return `(${src.badExpr} is null and ${empty})`;
}

/** Counts the blank records of a part, with the predicate the load skips them by. */
export function blankCountSql(src: CellsSource): string {
  return `select count(*) as n from ${src.table} where ${blankPredicate(src)}`;
}
