/**
 * The real models (staging, intermediate and marts) on the shared world's warehouse, built on DuckDB and
 * on a coordinator with two workers: every model holds the same rows on both engines, and every
 * interfaces.md dataset exports byte-identical CSV from the DuckDB build and from the PostgreSQL serving
 * file. Both build models/ as it is, every data test included.
 */
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import type { Config } from '../../lib/config/schema.js';
import { DATASET_NAMES } from '../../lib/datasets.js';
import { silentLog } from '../../lib/log.js';
import { openPublished } from '../../lib/publish/reader.js';
import { build, DEFAULT_MODELS_DIR } from '../../pipelines/build/build.js';
import { buildSchema } from '../../pipelines/build/engines/postgres/build.js';
import { loadProject } from '../../pipelines/build/project.js';
import { inspectionRows } from '../../pipelines/export/gradeInspections.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { configForCluster, startLocalCluster, type LocalCluster } from '../../scripts/pgCluster.js';
import { copyOfSharedWorld, SHARED_WORLD } from '../sharedWorld/index.js';
import { datasetsOnBoth } from './datasetsOnBoth.js';

let cluster: LocalCluster;
const PROJECT = loadProject(DEFAULT_MODELS_DIR);
/** Rows as JSON text (a HUGEINT key read as a bigint too). */
const json = (rows: unknown[]) =>
  rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
let pgConfig: Config;
const config = loadConfig();

beforeAll(async () => {
  cluster = await startLocalCluster({ workers: 2 });
  pgConfig = configForCluster(config, cluster);
}, 120_000);
afterAll(() => cluster?.stop());

/**
 * A delivery of two new penalty decisions: the first plain archived CSV of the world with its decision
 * number changed and its decision date moved to just before as-of, dropped into the inbox twice.
 */
const DELIVERED = '20251224_行政处罚_90';
/** The standard headers of the file the delivery is made from (departments' own headers differ). */
const STANDARD = ['XZCFWS_CODE', 'XZCF_DATE', 'SBRQ'];

function deliverPenalties(dataDir: string) {
  const archive = join(dataDir, 'archive', 'penalties');
  const csv = readdirSync(archive)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => readFileSync(join(archive, f), 'utf8').split(/\r?\n/))
    .find(
      (lines) =>
        lines.length >= 2 && !lines[1]!.includes('"') && STANDARD.every((h) => lines[0]!.split(',').includes(h)),
    )!;
  const header = csv[0]!.split(',');
  const row = csv[1]!.split(',');
  for (const n of [1, 2]) {
    const cells = [...row];
    cells[header.indexOf('XZCFWS_CODE')] = `厦海交付〔2025〕${900 + n}号`;
    cells[header.indexOf('XZCF_DATE')] = `2025-12-2${n}T09:00:00`;
    cells[header.indexOf('SBRQ')] = `2025-12-2${n + 2}T09:00:00`;
    const file = join(dataDir, 'inbox', 'penalties', `${DELIVERED}${n}.csv`);
    writeFileSync(file, [csv[0], cells.join(',')].join('\n'));
    // Ingest leaves a file changed in the last 30 s (still being written): this one was written a minute ago.
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(file, minuteAgo, minuteAgo);
  }
}

/**
 * A canonical text of a relation's rows: JSON per row, sorted. The engines' builds have ids of their
 * own, so a build_id (the history models) reads as its place among the relation's build ids.
 */
function canonical(rows: Record<string, unknown>[]): string[] {
  const ids = [...new Set(rows.map((r) => r.build_id).filter((v): v is string => typeof v === 'string'))].sort();
  const place = (r: Record<string, unknown>) =>
    'build_id' in r ? { ...r, build_id: ids.indexOf(r.build_id as string) } : r;
  return rows.map((r) => JSON.stringify(place(r))).sort();
}

async function expectSameOnBoth(duck: string, post: string, p: Awaited<ReturnType<typeof build>>) {
  const client = new pg.Client({ ...cluster.coordinator, user: cluster.user, database: 'postgres' });
  await client.connect();
  const duckBuild = await openPublished(duck);
  const postBuild = await openPublished(post);
  try {
    // Every model's rows, both sides as JSON: DuckDB's plain values, PostgreSQL's row_to_json. The serving
    // indexes are built in the serving file: the same rows in the same order (the order is their point).
    for (const m of p.models) {
      if (PROJECT.models.get(m.model)?.config.serving_index) {
        const read = (db: typeof duckBuild.db) => db.all(`select * from main."${m.model}"`);
        expect(json(await read(postBuild.db)), m.model).toEqual(json(await read(duckBuild.db)));
        continue;
      }
      const duckRows = await duckBuild.db.all(`select * from main."${m.model}"`);
      const { rows } = await client.query<{ j: Record<string, unknown> }>(
        `select row_to_json(t) as j from "${buildSchema(p.buildId)}"."${m.model}" as t`,
      );
      expect(rows.length, m.model).toBe(duckRows.length);
      expect(canonical(rows.map((x) => x.j)), m.model).toEqual(canonical(duckRows));
    }
    // Every dataset `sentinel export` offers, read as it reads them (datasetsOnBoth.ts); and the
    // credit-grades --inspections list.
    const exported = await datasetsOnBoth({ dir: duck, db: duckBuild.db }, { dir: post, db: postBuild.db });
    for (const d of exported) expect(d.postgres, d.name).toBe(d.duckdb);
    expect(exported.map((d) => d.name)).toEqual(DATASET_NAMES);
    expect(json(await inspectionRows(postBuild.db, null))).toEqual(json(await inspectionRows(duckBuild.db, null)));
  } finally {
    duckBuild.close();
    postBuild.close();
    await client.end();
  }
}

it('builds every model to the same rows on DuckDB and on the sharded cluster, and exports the same datasets', async () => {
  const duck = await copyOfSharedWorld('duck-');
  const post = await copyOfSharedWorld('post-');
  rmSync(join(post, 'published.json'), { force: true });
  const asOf = SHARED_WORLD.asOf;
  const d = await build({ dataDir: duck, config, asOf, log: silentLog(), fullRefresh: true });
  const p = await build({ dataDir: post, config: pgConfig, asOf, log: silentLog(), engine: 'postgres' });
  expect(d.message).toBeNull();
  expect(p.message).toBeNull();
  expect(p.models.every((m) => m.status === 'success')).toBe(true);
  expect(p.models.map((m) => m.model).sort()).toEqual(d.models.map((m) => m.model).sort());
  // Every data test runs on PostgreSQL too (those of the serving indexes in the serving file), by the same name.
  expect(p.tests.map((t) => t.test).sort()).toEqual(d.tests.map((t) => t.test).sort());
  expect(p.tests.filter((t) => t.status === 'error')).toEqual([]);

  await expectSameOnBoth(duck, post, p);

  // A delivery, ingested into both warehouses: DuckDB builds incrementally, PostgreSQL syncs the new
  // rows only and merges its incremental models; both hold the same rows and export the same CSV again.
  for (const dir of [duck, post]) {
    deliverPenalties(dir);
    const loaded = await ingest({ dataDir: dir, config, log: silentLog() });
    const ours = loaded.outcomes.filter((o) => o.file.startsWith(DELIVERED));
    expect(ours.map((o) => o.status)).toEqual(['loaded', 'loaded']);
  }
  const d2 = await build({ dataDir: duck, config, asOf, log: silentLog() });
  const p2 = await build({ dataDir: post, config: pgConfig, asOf, log: silentLog(), engine: 'postgres' });
  expect(d2.message).toBeNull();
  expect(p2.message).toBeNull();
  expect(p2.sources.find((x) => x.table === 'penalties')).toMatchObject({ mode: 'appended' });
  // Both engines keep the same models as they were (nothing they read changed) and compute the others.
  const carried = (r: typeof d2) =>
    r.models
      .filter((m) => m.action === 'carried')
      .map((m) => m.model)
      .sort();
  expect(carried(p2)).toEqual(carried(d2));
  expect(carried(p2).length).toBeGreaterThan(0);
  expect(carried(p2)).not.toContain('stg_penalties__decisions');
  await expectSameOnBoth(duck, post, p2);
}, 900_000);
