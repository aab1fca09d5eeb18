/**
 * The real staging layer (models/staging, every source's latest-version model and its tests) on the
 * shared world's warehouse, built on DuckDB and on a coordinator with two workers: every staging model
 * holds the same rows on both engines. The layers above are not portable yet (docs/scale-out.md).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import type { Config } from '../../lib/config/schema.js';
import { silentLog } from '../../lib/log.js';
import { openPublished } from '../../lib/publish/reader.js';
import { build, DEFAULT_MODELS_DIR } from '../../pipelines/build/build.js';
import { buildSchema } from '../../pipelines/build/engines/postgres/build.js';
import { configForCluster, startLocalCluster, type LocalCluster } from '../../scripts/pgCluster.js';
import { copyOfSharedWorld, SHARED_WORLD } from '../sharedWorld/index.js';

let cluster: LocalCluster;
let pgConfig: Config;
const config = loadConfig();

beforeAll(async () => {
  cluster = await startLocalCluster({ workers: 2 });
  pgConfig = configForCluster(config, cluster);
}, 120_000);
afterAll(() => cluster?.stop());

/** models/ with only its staging layer and the source declarations. */
function stagingProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'staging-models-'));
  cpSync(join(DEFAULT_MODELS_DIR, '_sources.yml'), join(dir, '_sources.yml'));
  cpSync(join(DEFAULT_MODELS_DIR, 'staging'), join(dir, 'staging'), { recursive: true });
  return dir;
}

/** A canonical text of a relation's rows: JSON per row, sorted. */
const canonical = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

it('builds every staging model to the same rows on DuckDB and on the sharded cluster', async () => {
  const modelsDir = stagingProject();
  const duck = await copyOfSharedWorld('duck-');
  const post = await copyOfSharedWorld('post-');
  for (const dir of [duck, post]) rmSync(join(dir, 'published.json'), { force: true });
  const asOf = SHARED_WORLD.asOf;
  const d = await build({ dataDir: duck, modelsDir, config, asOf, log: silentLog(), fullRefresh: true });
  const p = await build({ dataDir: post, modelsDir, config: pgConfig, asOf, log: silentLog(), engine: 'postgres' });
  expect(d.message).toBeNull();
  expect(p.message).toBeNull();
  expect(p.models.length).toBeGreaterThanOrEqual(15);
  const outcome = (r: typeof d) => r.tests.map((t) => `${t.test}:${t.status}:${t.failures}`).sort();
  expect(outcome(p)).toEqual(outcome(d));

  // A second build merges the incremental staging models (source_watermark) instead of rebuilding them.
  const again = await build({ dataDir: post, modelsDir, config: pgConfig, asOf, log: silentLog(), engine: 'postgres' });
  expect(again.message).toBeNull();

  const client = new pg.Client({ ...cluster.coordinator, user: cluster.user, database: 'postgres' });
  await client.connect();
  const pb = await openPublished(duck);
  try {
    // Both sides as JSON: DuckDB's plain values, PostgreSQL's row_to_json, dates ISO on both.
    for (const r of [p, again])
      for (const m of r.models) {
        const duckRows = await pb.db.all(`select * from main."${m.model}"`);
        const { rows } = await client.query<{ j: Record<string, unknown> }>(
          `select row_to_json(t) as j from "${buildSchema(r.buildId)}"."${m.model}" as t`,
        );
        expect(rows.length, m.model).toBe(duckRows.length);
        expect(canonical(rows.map((x) => x.j)), m.model).toEqual(canonical(duckRows));
      }
    expect(p.models.reduce((n, m) => n + (m.rows ?? 0), 0)).toBeGreaterThan(0);
  } finally {
    pb.close();
    await client.end();
  }
}, 900_000);
