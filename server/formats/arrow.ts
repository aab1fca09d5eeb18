/**
 * Arrow IPC stream of a dataset, for analysts' notebooks (`pyarrow.ipc.open_stream`). Types follow DuckDB's: integers
 * stay Int64, dates are Date32 days, lists are List<Utf8>, JSON objects (quarantine's `raw`) travel as JSON text.
 */
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int64,
  List,
  Table,
  Utf8,
  vectorFromArray,
  tableToIPC,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { ColumnTypes } from '../queries/datasetQuery.js';

function arrowType(duckType: string | undefined): DataType {
  const t = (duckType ?? 'VARCHAR').toUpperCase();
  // A list of records (credit-grades' factors) travels as JSON text, as a JSON object does.
  if (t.endsWith('[]') && !t.startsWith('STRUCT')) return new List(new Field('item', new Utf8(), true));
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/.test(t)) return new Int64();
  if (/^(DOUBLE|FLOAT|REAL)$/.test(t) || t.startsWith('DECIMAL')) return new Float64();
  if (t === 'BOOLEAN') return new Bool();
  if (t === 'DATE') return new DateDay();
  return new Utf8();
}

function values(type: DataType, column: readonly unknown[]): unknown[] {
  if (type instanceof Int64) return column.map((v) => (v === null || v === undefined ? null : BigInt(v as number)));
  // DateDay is built from a Date at UTC midnight of the calendar day.
  if (type instanceof DateDay)
    return column.map((v) => (v === null || v === undefined ? null : new Date(`${String(v)}T00:00:00Z`)));
  if (type instanceof Utf8) {
    return column.map((v) =>
      v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v),
    );
  }
  return column.map((v) => (v === undefined ? null : v));
}

export function toArrowStream(
  columns: readonly string[],
  types: ColumnTypes,
  rows: ReadonlyArray<Record<string, unknown>>,
): Buffer {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    const type = arrowType(types.get(c));
    vectors[c] = vectorFromArray(
      values(
        type,
        rows.map((r) => r[c]),
      ),
      type,
    );
  }
  return Buffer.from(tableToIPC(new Table(vectors), 'stream'));
}
