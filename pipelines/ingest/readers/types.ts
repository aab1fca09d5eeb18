import type { Db } from '../../../lib/db.js';
import type { CellsSource } from '../sql.js';

/** One table of a delivered file: a CSV or JSON file has one, an XLSX file one per sheet with a header. */
export interface Part {
  sheet: string | null;
  /** 1-based row of the header in the sheet (XLSX), else 1 for CSV, null for JSON. */
  headerRow: number | null;
  headers: (string | null)[];
  /** Puts the part's rows into a temp table and says how to read them. */
  load(db: Db, table: string): Promise<CellsSource>;
}

export interface ReadFile {
  format: 'csv' | 'xlsx' | 'json' | 'jsonl';
  encoding: string | null;
  parts: Part[];
  /** Parts skipped with the reason (e.g. an XLSX sheet without a header row). */
  skipped: string[];
  cleanup(): Promise<void>;
}
