/**
 * The typed rows of a source: every field of the contract parsed from the landed cells, the derived
 * columns and the findings, beside the load's reason and key. `raw.<source>` in the warehouse is a
 * view of this; a build copies it into its file, typing only the files it has not taken yet.
 */
import type { FieldSpec, SourceContract } from './contracts/types.js';
import { ident, literal } from '../../lib/db.js';
import {
  DICTIONARY_TYPES,
  extrasOf,
  findingChecks,
  parsedExpr,
  sqlType,
  textColumn,
  trimEach,
  mayNeedTrim,
} from './fieldSql.js';
import { factorColumn, landingTable, partsTable } from './sql.js';

export interface TypedOptions {
  /** Catalog prefix of the landing tables, with its dot ('' for the current database). */
  catalog?: string;
  /** Only rows of files after this one (a build appends what its previous build lacks). */
  afterFileId?: number;
  unitErrorThresholdYuan: number;
}

/**
 * How many delivered columns one field can take its text from: its header and aliases, and as many
 * again for repeated headers. The load refuses a file that maps more (pipelines/ingest/loadFile.ts).
 */
export const maxCellsPerField = (f: FieldSpec): number => 2 * (1 + (f.aliases?.length ?? 0));

/**
 * A field's text from the part's cell positions: one cell, or several coalesced or combined, from the
 * row's trimmed cells `l._t`. Written out position by position (a position past the list's end, or of
 * a field the part lacks, reads NULL, so coalesce needs no case on the count): list lambdas over the
 * positions were evaluated row by row, and made typing 15 times slower.
 */
const trimmedCells = (f: FieldSpec): string[] =>
  Array.from({ length: maxCellsPerField(f) }, (_, i) => `l._t[p.${ident(f.name)}[${i + 1}]]`);

function cellText(f: FieldSpec): string {
  const cells = trimmedCells(f);
  return f.combine ? `nullif(concat_ws(';', ${cells.join(', ')}), '')` : `coalesce(${cells.join(', ')})`;
}

/**
 * Fields a part can deliver in several columns (a header twice, or a header and its alias) that are not
 * combined: the first filled cell is taken, so cells that disagree are a finding.
 */
const duplicable = (contract: SourceContract): FieldSpec[] =>
  contract.fields.filter((f) => !f.combine && maxCellsPerField(f) > 1);
const conflictColumn = (f: FieldSpec): string => ident(`${f.name}__conflict`);

/** Whether a row's cells for the field disagree; computed only for rows of parts that repeat the field. */
function conflictExpr(f: FieldSpec): string {
  return `case when len(p.${ident(f.name)}) > 1 then len(list_distinct([${trimmedCells(f).join(', ')}])) > 1 end`;
}

export function typedSelectSql(contract: SourceContract, opts: TypedOptions): string {
  const catalog = opts.catalog ?? '';
  const amounts = contract.fields.filter((f) => f.type === 'amount');
  const dictFields = contract.fields.filter((f) => DICTIONARY_TYPES.has(f.type));
  const dict = (f: FieldSpec) => ident(`v${dictFields.indexOf(f)}`);
  const dictionaries = dictFields.map(
    (f) => `${dict(f)} as materialized (
  select v, p${extrasOf(f)
    .map(([x, e]) => `, ${e('p')} as ${ident(x)}`)
    .join('')}
  from (
    select v, ${parsedExpr(f, 'v')} as p
    from (select distinct ${textColumn(f)} as v from l where ${textColumn(f)} is not null)
  )
)`,
  );
  const parsed = contract.fields.flatMap((f) => {
    const inDict = dictFields.includes(f);
    const value = inDict ? `${dict(f)}.p` : parsedExpr(f, `l.${textColumn(f)}`);
    const scaled = f.type === 'amount' ? `${value} * l.${factorColumn(f)}` : value;
    return [
      `${scaled} as ${ident(f.name)}`,
      // An empty cell finds no dictionary entry: its extras are those of NULL (a missing USCC is not valid).
      ...extrasOf(f).map(([x, e]) => {
        const extra = inDict ? `coalesce(${dict(f)}.${ident(x)}, ${e('cast(null as varchar)')})` : e(value);
        return `${extra} as ${ident(`${f.name}__${x}`)}`;
      }),
    ];
  });
  const joins = dictFields.map((f) => `left join ${dict(f)} on ${dict(f)}.v = l.${textColumn(f)}`);
  const derived = (contract.derived ?? []).map((d) => `${d.sql} as ${ident(d.name)}`);
  const findings = [
    ...findingChecks(contract, opts.unitErrorThresholdYuan),
    ...duplicable(contract).map(
      (f) => `case when ${conflictColumn(f)} then ${literal(`conflicting_duplicate:${f.header}`)} end`,
    ),
  ];
  const after = opts.afterFileId !== undefined ? `where _file_id > ${Number(opts.afterFileId)}` : '';
  // Declared types, whatever type an expression happens to produce: builds copy these columns.
  const columns = [
    ...contract.fields.map((f) => `cast(${ident(f.name)} as ${sqlType(f)}) as ${ident(f.name)}`),
    ...(contract.derived ?? []).map((d) => `cast(${ident(d.name)} as ${d.type}) as ${ident(d.name)}`),
  ];
  const texts = contract.fields.map((f) => `${cellText(f)} as ${textColumn(f)}`).join(',\n    ');
  const factors = amounts.map((f) => `,\n    p.${factorColumn(f)}`).join('');
  const conflicts = duplicable(contract)
    .map((f) => `,\n    ${conflictExpr(f)} as ${conflictColumn(f)}`)
    .join('');
  const findingList = findings.length ? findings.join(',\n    ') : 'cast(null as varchar)';

  return `with l as materialized (
  select l._file_id, l._part, l._row_number, l._reason, l._key, l._cells,
    ${texts}${factors}${conflicts}
  from (
    select *, case when _may_need_trim then ${trimEach('_cells')} else _cells end as _t
    from (
      select _file_id, _part, _row_number, _reason, _key, from_json(_cells, '["VARCHAR"]') as _cells,
        ${mayNeedTrim('_cells')} as _may_need_trim
      from ${landingTable(contract, catalog)} ${after}
    )
  ) l
  join ${partsTable(contract, catalog)} p on p._file_id = l._file_id and p._part = l._part
)${dictionaries.length ? `,\n${dictionaries.join(',\n')}` : ''},
parsed as (
  select l.*, ${parsed.join(',\n    ')}
  from l ${joins.join('\n  ')}
),
derived as (
  select *${derived.length ? `, ${derived.join(',\n    ')}` : ''}
  from parsed
)
select _file_id, _part, _row_number, _reason,
  list_filter([${findingList}], lambda x: x is not null) as _findings,
  _key, _cells, ${columns.join(', ')}
from derived`;
}

export const rawViewDdl = (contract: SourceContract, unitErrorThresholdYuan: number): string =>
  `create or replace view raw.${ident(contract.source)} as\n${typedSelectSql(contract, { unitErrorThresholdYuan })}`;
