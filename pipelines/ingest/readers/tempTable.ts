import type { Db } from '../../../lib/db.js';
import { ident } from '../../../lib/db.js';
import type { CellsSource } from '../sql.js';

/** A record read in JavaScript: its cells, or a reason when it could not be read as a record. */
export interface JsRecord {
  cells: (string | null)[];
  bad?: string;
}

/**
 * Puts records read in JavaScript (XLSX, JSON, JSONL) into a temp table through DuckDB's appender,
 * the bulk path for rows that do not come from DuckDB's own CSV reader.
 */
export async function appendRecords(
  db: Db,
  table: string,
  headerCount: number,
  records: readonly JsRecord[],
): Promise<CellsSource> {
  // A loop, not Math.max(...lengths): spreading half a million records' lengths overflows the stack.
  let width = Math.max(headerCount, 1);
  for (const r of records) if (r.cells.length > width) width = r.cells.length;
  const cols = Array.from({ length: width }, (_, i) => `c${i} varchar`);
  await db.run(`create or replace temp table ${ident(table)} (_row integer, _bad varchar, ${cols.join(', ')})`);
  const app = await db.appender(table);
  try {
    records.forEach((r, i) => {
      app.appendInteger(i + 1);
      if (r.bad) app.appendVarchar(r.bad);
      else app.appendNull();
      for (let c = 0; c < width; c++) {
        const v = r.cells[c];
        if (v === null || v === undefined) app.appendNull();
        else app.appendVarchar(v);
      }
      app.endRow();
    });
    app.flushSync();
  } finally {
    app.closeSync();
  }
  return {
    table,
    rowExpr: '_row',
    badExpr: '_bad',
    headerCount,
    overflowCount: width - headerCount,
    overflowIsError: false,
    rows: records.length,
  };
}

/** Text of a JSON value as a cell: strings as they are, other scalars printed, objects as JSON. */
export function jsonCell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}
