/** An in-memory DuckDB connection with the cs_ macros installed, as the ingest will have it. */
import { Database, type Db } from '../../lib/db.js';
import { loadConfig } from '../../lib/config/load.js';
import { installMacros } from '../../lib/sql/macros.js';

export interface MacroDb {
  db: Db;
  close(): void;
}

export async function openMacroDb(override?: unknown): Promise<MacroDb> {
  const database = await Database.open(':memory:');
  const db = await database.connect();
  await installMacros(db, loadConfig(override === undefined ? {} : { override }));
  return {
    db,
    close() {
      db.close();
      database.close();
    },
  };
}

/** Runs `expr` (with `s` standing for each input) over many inputs in one query; returns input → result. */
export async function evalOver<T>(db: Db, inputs: readonly string[], expr: string): Promise<Map<string, T>> {
  const rows = await db.all<{ s: string; r: T }>(`select s, ${expr} as r from (select unnest(?::varchar[]) as s)`, [inputs]);
  return new Map(rows.map((row) => [row.s, row.r]));
}
