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

/**
 * Runs `expr` (with `s` standing for each input) over many inputs in one query; results come back in
 * input order. Keyed by position, not by the returned text: @duckdb/node-api drops a leading U+FEFF
 * from strings it reads back, although DuckDB keeps it.
 */
export async function evalOver<T>(db: Db, inputs: readonly string[], expr: string): Promise<T[]> {
  const rows = await db.all<{ i: number; r: T }>(
    `select i, ${expr} as r from (select unnest(range(len(l))) as i, unnest(l) as s from (select ?::varchar[] as l)) order by i`,
    [inputs],
  );
  return rows.map((row) => row.r);
}
