import { describe, expect, it } from 'vitest';
import { withDb, type Db } from '../../lib/db.js';
import { loadConfig } from '../../lib/config/load.js';
import { installMacros } from '../../lib/sql/macros.js';
import { ensureWarehouseSchema } from '../../pipelines/ingest/warehouse.js';
import { CONTRACTS } from '../../pipelines/ingest/contracts/index.js';

const views = (db: Db) =>
  db.all<{ v: string; oid: number; c: string | null }>(
    `select view_name as v, view_oid::bigint as oid, comment as c from duckdb_views()
     where schema_name = 'raw' and database_name = current_database() order by v`,
  );

describe('the typed views of the warehouse', () => {
  it('are created once, re-created only when their definition changes', async () => {
    await withDb(':memory:', {}, async (db) => {
      await installMacros(db, loadConfig());
      await ensureWarehouseSchema(db, 1e8);
      const first = await views(db);
      expect(first.map((r) => r.v)).toEqual(Object.keys(CONTRACTS).sort());
      expect(first.every((r) => /^[0-9a-f]{64}$/.test(r.c ?? ''))).toBe(true);
      await ensureWarehouseSchema(db, 1e8);
      expect(await views(db)).toEqual(first);
      // Another unit-error threshold is another view text: every view that uses it is replaced.
      await ensureWarehouseSchema(db, 5e7);
      const changed = (await views(db)).filter((r) => first.find((f) => f.v === r.v)!.oid !== r.oid);
      expect(changed.map((r) => r.v)).toContain('penalties');
      expect(changed.every((r) => r.c !== first.find((f) => f.v === r.v)!.c)).toBe(true);
    });
  });
});
