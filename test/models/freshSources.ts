/**
 * Every source table the models may read, as a fresh warehouse and build file create them (the ingest's
 * schema and raw views, the reference tables, the product tables): the columns _sources.yml must declare.
 */
import { withDb } from '../../lib/db.js';
import { loadConfig } from '../../lib/config/load.js';
import { loadReference } from '../../lib/reference/load.js';
import { productSourceStatements } from '../../lib/followUp/productSources.js';
import { installMacros } from '../../lib/sql/macros.js';
import { ensureWarehouseSchema } from '../../pipelines/ingest/warehouse.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SourceColumns = Map<string, Array<{ name: string; data_type: string }>>;

export async function freshSourceColumns(tables: ReadonlyArray<string>): Promise<SourceColumns> {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-sources-'));
  try {
    return await withDb(join(dir, 'w.duckdb'), {}, async (db) => {
      const config = loadConfig();
      // The raw views call the cs_ macros, as they do in the ingest.
      await installMacros(db, config);
      await ensureWarehouseSchema(db, config.ingest.unit_error_threshold_wan * 10000);
      await loadReference(db);
      for (const sql of productSourceStatements(dir)) await db.exec(sql);
      const out: SourceColumns = new Map();
      for (const t of tables) {
        const [schema = '', table = ''] = t.split('.');
        const rows = await db.all<{ name: string; data_type: string }>(
          `select column_name as name, data_type from duckdb_columns()
           where database_name = current_database() and schema_name = ? and table_name = ? order by column_index`,
          [schema, table],
        );
        out.set(t, rows);
      }
      return out;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
