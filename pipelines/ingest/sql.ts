/**
 * The load's SQL: what a file's rows become in `landing.<source>`. The load keeps each row's delivered
 * cells and computes only what must be decided when the file arrives — the quarantine reason and the
 * business key. Parsing every value and recording findings is the typed view's job
 * (pipelines/ingest/typed.ts), done once per row when a build first takes it. The work stays inside
 * DuckDB because moving rows through JavaScript is the slow part (STACK.md).
 */
import type { FieldSpec, SourceContract } from './contracts/types.js';
import type { HeaderMapping } from './headers.js';
import { ident } from '../../lib/db.js';
import { extrasOf, keyExpr, mentions, parsedExpr, reasonChecks, TRIM } from './fieldSql.js';

/** Columns of every landing table: a row's place, its verdict, its key and its delivered cells. */
export const LANDING_COLUMNS = [
  ['_file_id', 'BIGINT NOT NULL'],
  ['_part', 'INTEGER NOT NULL'],
  ['_row_number', 'INTEGER NOT NULL'],
  ['_reason', 'VARCHAR'],
  ['_key', 'VARCHAR'],
  // The delivered cells as a JSON array of strings: writing one string costs far less than a list.
  ['_cells', 'VARCHAR NOT NULL'],
] as const;

export const landingTable = (contract: SourceContract, catalog = ''): string =>
  `${catalog}landing.${ident(contract.source)}`;
export const partsTable = (contract: SourceContract, catalog = ''): string =>
  `${catalog}landing.${ident(`${contract.source}__parts`)}`;
export const factorColumn = (f: FieldSpec): string => ident(`${f.name}__factor`);

export function landingTableDdl(contract: SourceContract): string {
  const columns = LANDING_COLUMNS.map(([n, t]) => `${n} ${t}`).join(',\n  ');
  return `create table if not exists ${landingTable(contract)} (\n  ${columns}\n)`;
}

/**
 * Where each field's cells are in a part's `_cells` (1-based positions: none, one, or several when
 * aliases repeat or columns combine), and the unit factor of each amount: one row per part, so the typed
 * view reads every file's rows with one statement whatever their headers were.
 */
export function partsTableDdl(contract: SourceContract): string {
  const cols = [
    '_file_id BIGINT NOT NULL',
    '_part INTEGER NOT NULL',
    ...contract.fields.flatMap((f) => [
      `${ident(f.name)} INTEGER[] NOT NULL`,
      ...(f.type === 'amount' ? [`${factorColumn(f)} DOUBLE NOT NULL`] : []),
    ]),
    'primary key (_file_id, _part)',
  ];
  return `create table if not exists ${partsTable(contract)} (\n  ${cols.join(',\n  ')}\n)`;
}

function unitFactor(f: FieldSpec, mapping: HeaderMapping): number {
  const col = mapping.columns.find((c) => c.field === f.name && c.unit !== null);
  const unit = col?.unit ?? f.unit ?? 'yuan';
  return unit === 'wan' ? 10000 : 1;
}

export function partsInsertSql(contract: SourceContract, mapping: HeaderMapping, fileId: number, part: number): string {
  const values = contract.fields.flatMap((f) => {
    const positions = mapping.columns.filter((c) => c.field === f.name).map((c) => c.index + 1);
    return [`[${positions.join(', ')}]::INTEGER[]`, ...(f.type === 'amount' ? [String(unitFactor(f, mapping))] : [])];
  });
  return `insert into ${partsTable(contract)} values (${Number(fileId)}, ${Number(part)}, ${values.join(', ')})`;
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

export interface LoadOptions {
  fileId: number;
  part: number;
  rowOffset: number;
}

function cellText(f: FieldSpec, mapping: HeaderMapping): string {
  const cols = mapping.columns.filter((c) => c.field === f.name).map((c) => TRIM(`c${c.index}`));
  if (cols.length === 0) return 'cast(null as varchar)';
  if (cols.length === 1) return cols[0]!;
  return f.combine ? `nullif(concat_ws(';', ${cols.join(', ')}), '')` : `coalesce(${cols.join(', ')})`;
}

/**
 * What the reason and the key need: the ★ fields, and the fields and derived columns the quarantine
 * rules and the key name (derived columns can name each other, hence the loop).
 */
export function loadNeeds(contract: SourceContract): {
  fields: FieldSpec[];
  derived: NonNullable<SourceContract['derived']>;
} {
  const exprs = [...contract.key, ...(contract.quarantine ?? []).map((q) => q.when)];
  const derived = new Set<string>();
  for (let grown = true; grown;) {
    grown = false;
    for (const d of contract.derived ?? []) {
      if (!derived.has(d.name) && exprs.some((e) => mentions(e, d.name))) {
        derived.add(d.name);
        exprs.push(d.sql);
        grown = true;
      }
    }
  }
  const fields = contract.fields.filter(
    (f) =>
      f.required === 'blocking' ||
      exprs.some((e) => mentions(e, f.name) || mentions(e, `${f.name}__t`) || mentions(e, `${f.name}__valid`)),
  );
  // Keep the contract's order: a derived column may name one declared before it.
  return { fields, derived: (contract.derived ?? []).filter((d) => derived.has(d.name)) };
}

/** Replaces whole identifiers outside string literals: `names` maps an identifier to its SQL. */
export function inlineIdentifiers(sql: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return sql;
  // A name bare or double-quoted, not part of a longer identifier.
  const pattern = new RegExp(`(^|[^A-Za-z0-9_"])("?)(${[...names.keys()].join('|')})\\2(?=$|[^A-Za-z0-9_"])`, 'g');
  // Even-numbered pieces are outside '…' literals ('' inside a literal splits into two empty pieces).
  return sql
    .split("'")
    .map((piece, i) =>
      i % 2 === 0
        ? piece.replace(pattern, (_, before: string, _q: string, name: string) => `${before}(${names.get(name)!})`)
        : piece,
    )
    .join("'");
}

/** Field types parsed once per distinct text at load: few distinct values, a costly parse. */
const LOAD_DICTIONARY_TYPES = new Set<FieldSpec['type']>(['date', 'period', 'year', 'enum']);

/**
 * The one statement that lands a part: every non-blank record, with its reason (NULL = loaded) and key.
 * Dates and enumerations are parsed once per distinct text; everything else the reason and key need is
 * a cheap expression over the trimmed cells.
 */
export function loadStatement(
  contract: SourceContract,
  mapping: HeaderMapping,
  src: CellsSource,
  opts: LoadOptions,
): string {
  const needs = loadNeeds(contract);
  const headerCells = Array.from({ length: src.headerCount }, (_, i) => `c${i}`);
  const overflowCells = Array.from({ length: src.overflowCount }, (_, i) => `c${src.headerCount + i}`);
  const overflow =
    overflowCells.length && src.overflowIsError
      ? overflowCells.map((c) => `${TRIM(c)} is not null`).join(' or ')
      : 'false';
  const anyOverflow = overflowCells.length ? overflowCells.map((c) => `${c} is not null`).join(' or ') : 'false';
  // json_array writes the same text as to_json of the list (null stays null, '' stays "") without
  // building a list per row first; only a row that overflows its header needs the list, to drop the
  // empty overflow cells.
  const headerJson = `json_array(${headerCells.join(', ')})`;
  const cells = overflowCells.length
    ? `case when ${anyOverflow} ` +
      `then to_json(list_filter([${[...headerCells, ...overflowCells].join(', ')}], ` +
      `lambda x, i: i <= ${src.headerCount} or x is not null)) ` +
      `else ${headerJson} end`
    : headerJson;

  const columnsOf = (f: FieldSpec) => mapping.columns.filter((c) => c.field === f.name);
  // Parsed once per distinct delivered cell (untrimmed, so rows are matched without trimming them).
  const dictFields = needs.fields.filter((f) => LOAD_DICTIONARY_TYPES.has(f.type) && columnsOf(f).length === 1);
  const dict = (f: FieldSpec) => ident(`v${dictFields.indexOf(f)}`);
  const cellKey = (f: FieldSpec) => `coalesce(c${columnsOf(f)[0]!.index}, '')`;
  // Texts and parsed values are written into the expressions that name them rather than computed as
  // columns: DuckDB evaluates a CASE or COALESCE branch only for the rows that reach it, so a USCC's
  // check character, or even a trim, is computed only for the rows that need it.
  const inline = new Map<string, string>();
  for (const f of needs.fields) {
    if (dictFields.includes(f)) continue;
    const text = cellText(f, mapping);
    inline.set(`${f.name}__t`, text);
    const value =
      f.type === 'amount' ? `${parsedExpr(f, `(${text})`)} * ${unitFactor(f, mapping)}` : parsedExpr(f, `(${text})`);
    inline.set(f.name, value);
    for (const [x, e] of extrasOf(f)) inline.set(`${f.name}__${x}`, e(value));
  }
  for (const f of dictFields) {
    for (const [x, e] of extrasOf(f)) inline.set(`${f.name}__${x}`, e(ident(f.name)));
  }
  const dictionaries = dictFields.map(
    (f) => `${dict(f)} as materialized (
  select k, t, ${parsedExpr(f, 't')} as p
  from (select k, ${TRIM('k')} as t from (select distinct ${cellKey(f)} as k from ${src.table}))
)`,
  );
  const joins = dictFields.map((f) => `left join ${dict(f)} on ${dict(f)}.k = ${cellKey(f)}`);
  const dictColumns = dictFields
    .map((f) => `, ${dict(f)}.t as ${ident(`${f.name}__t`)}, ${dict(f)}.p as ${ident(f.name)}`)
    .join('');
  const derivedInline = new Map(inline);
  const derived = needs.derived.map((d) => {
    const sql = inlineIdentifiers(d.sql, derivedInline);
    derivedInline.set(d.name, sql);
    return `${sql} as ${ident(d.name)}`;
  });
  // The reasons and the key read the derived columns computed once above, and inline the rest.
  const reasons = reasonChecks(contract).map((r) => inlineIdentifiers(r, inline));
  const allCells = [...headerCells, ...overflowCells];
  const moreColumns = `${allCells.length ? `, ${allCells.join(', ')}` : ''}${dictColumns}`;
  const reasonList = reasons.length ? `, ${reasons.join(',\n    ')}` : '';

  return `insert into ${landingTable(contract)} (${LANDING_COLUMNS.map(([n]) => n).join(', ')})
with ${dictionaries.length ? `${dictionaries.join(',\n')},\n` : ''}delivered as (
  select ${src.rowExpr} + ${opts.rowOffset} as _row_number, ${src.badExpr} as _bad, ${overflow} as _overflow,
    (case when ${src.badExpr} is not null then json_array(c0) else ${cells} end)::varchar as _cells${moreColumns}
  from ${src.table} ${joins.join(' ')}
  where ${src.badExpr} is not null or ${filledPredicate(allCells)}
),
derived as (
  select *${derived.length ? `, ${derived.join(', ')}` : ''}
  from delivered
)
select
  ${Number(opts.fileId)} as _file_id,
  ${Number(opts.part)} as _part,
  _row_number,
  coalesce(_bad, case when _overflow then 'unreadable_row' end${reasonList}) as _reason,
  ${inlineIdentifiers(keyExpr(contract), inline)} as _key,
  _cells
from derived`;
}

/**
 * A blank record: every cell empty or whitespace (one concatenation and one trim per row; a trim per
 * cell cost far more). Blank records are not rows: they are skipped and counted.
 */
function blankPredicate(src: CellsSource): string {
  const cells = Array.from({ length: src.headerCount + src.overflowCount }, (_, i) => `c${i}`);
  // Cell by cell, so a row leaves at its first filled cell (a NOT over the test below would not).
  const empty = cells.length ? cells.map((c) => `(${c} is null or ${TRIM(c)} is null)`).join(' and ') : 'true';
  return `(${src.badExpr} is null and ${empty})`;
}

/**
 * Some cell holds more than whitespace. Evaluated cell by cell, a row leaves at its first filled cell:
 * usually the first, so a million rows cost a million short trims, not a million long concatenations.
 */
function filledPredicate(cells: readonly string[]): string {
  return cells.length ? `(${cells.map((c) => `(${c} is not null and ${TRIM(c)} is not null)`).join(' or ')})` : 'false';
}

/** Counts the blank records of a part, with the predicate the load skips them by. */
export function blankCountSql(src: CellsSource): string {
  return `select count(*) as n from ${src.table} where ${blankPredicate(src)}`;
}
