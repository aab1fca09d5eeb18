/**
 * Unknown columns are kept, never silently (sources.md): each is listed in the summary and the load log,
 * recorded with sample values and a proposed field for the 表头映射 page, and one that probably means a
 * key field the file does not deliver (the subject's USCC, a 文书号, a ★ date) refuses the file — it must
 * never load with that field empty.
 */
import type { Db } from '../../lib/db.js';
import { ident } from '../../lib/db.js';
import { proposeField, type Proposal } from '../../lib/headerMappings/propose.js';
import { FIELD_CATALOGUE } from './fieldCatalogue.js';
import type { SourceContract } from './contracts/types.js';
import type { HeaderMapping } from './headers.js';
import type { CellsSource } from './sql.js';

export interface UnknownColumn {
  header: string;
  samples: string[];
  proposal: Proposal | null;
}

export interface PartObservation {
  columns: UnknownColumn[];
  /** The delivering departments the part names (数据来源单位, else the authority), a few at most. */
  departments: string[];
}

const SAMPLE_ROWS = 200;
const SHOWN_SAMPLES = 5;

async function cellsOf(db: Db, src: CellsSource, index: number, limit: number): Promise<string[]> {
  const c = ident(`c${index}`);
  const rows = await db.all<{ v: string }>(
    `select trim(${c}) as v from ${ident(src.table)} where nullif(trim(${c}), '') is not null limit ${limit}`,
  );
  return rows.map((r) => r.v);
}

async function departmentsOf(db: Db, src: CellsSource, mapping: HeaderMapping): Promise<string[]> {
  const col =
    mapping.columns.find((c) => c.field === 'department') ?? mapping.columns.find((c) => c.field === 'authority');
  if (!col) return [];
  return [...new Set(await cellsOf(db, src, col.index, SAMPLE_ROWS))].slice(0, 3);
}

/** The unknown columns of one part, read from its temp table, with their proposals. */
export async function observePart(
  db: Db,
  contract: SourceContract,
  mapping: HeaderMapping,
  src: CellsSource,
): Promise<PartObservation> {
  const delivered = new Set(mapping.columns.flatMap((c) => (c.field ? [c.field] : [])));
  const columns: UnknownColumn[] = [];
  for (const c of mapping.columns) {
    if (c.field !== null || c.header.trim() === '') continue;
    const values = c.index < src.headerCount ? await cellsOf(db, src, c.index, SAMPLE_ROWS) : [];
    const proposal = proposeField(FIELD_CATALOGUE[contract.source]!, c.header, values, delivered);
    columns.push({ header: c.header, samples: [...new Set(values)].slice(0, SHOWN_SAMPLES), proposal });
  }
  return { columns, departments: columns.length ? await departmentsOf(db, src, mapping) : [] };
}

/** Columns a file is refused for: an unknown header that probably means a key field it lacks. */
export function keyFieldColumns(contract: SourceContract, columns: readonly UnknownColumn[]): UnknownColumn[] {
  const fields = FIELD_CATALOGUE[contract.source]!.fields;
  return columns.filter((c) => c.proposal && fields.find((f) => f.name === c.proposal!.field)?.key);
}

const headerOf = (contract: SourceContract, field: string) =>
  contract.fields.find((f) => f.name === field)?.header ?? field;

/** The clerk's words for a refusal: each header, the field it probably means, and why. */
export function keyFieldProblem(contract: SourceContract, columns: readonly UnknownColumn[]): string {
  const named = columns
    .map((c) => `列「${c.header}」可能是「${headerOf(contract, c.proposal!.field)}」（${c.proposal!.why}）`)
    .join('；');
  return (
    `${named}，但不是「${contract.title}」的表头，入库会使该字段为空。` +
    '请信用办在「表头映射」页面或用 sentinel headers confirm 确认映射（下次读入即会入库），或请部门改用标准表头'
  );
}

/** The unknown columns of a header the file was refused for, with samples from the rows below it. */
export function observeRows(
  contract: SourceContract,
  mapping: HeaderMapping,
  rows: readonly (readonly string[])[],
): PartObservation {
  const delivered = new Set(mapping.columns.flatMap((c) => (c.field ? [c.field] : [])));
  const columns = mapping.columns
    .filter((c) => c.field === null && c.header.trim() !== '')
    .map((c) => {
      const values = rows.map((r) => (r[c.index] ?? '').trim()).filter((v) => v !== '');
      const proposal = proposeField(FIELD_CATALOGUE[contract.source]!, c.header, values, delivered);
      return { header: c.header, samples: [...new Set(values)].slice(0, SHOWN_SAMPLES), proposal };
    });
  return { columns, departments: [] };
}
