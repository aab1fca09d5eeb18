/**
 * The demo county, as `sentinel demo` makes it (county scale, its seed and as-of, believable names),
 * generated and ingested once, then built on DuckDB and on a coordinator with two workers: every
 * interfaces.md dataset (and the product's own) exports byte-identical CSV from both published builds.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_AS_OF, DEMO_SEED } from '../../cli/demo.js';
import { DEFAULT_DIRT } from '../../generator/dirt.js';
import { generate } from '../../generator/generate.js';
import { loadConfig } from '../../lib/config/load.js';
import type { Config } from '../../lib/config/schema.js';
import { DATASET_NAMES } from '../../lib/datasets.js';
import { silentLog } from '../../lib/log.js';
import { build } from '../../pipelines/build/build.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { configForCluster, startLocalCluster, type LocalCluster } from '../../scripts/pgCluster.js';
import { datasetsOfFolders } from './datasetsOnBoth.js';

let cluster: LocalCluster;
let pgConfig: Config;
const config = loadConfig();
const root = mkdtempSync(join(tmpdir(), 'demo-engines-'));

beforeAll(async () => {
  cluster = await startLocalCluster({ workers: 2 });
  pgConfig = configForCluster(config, cluster);
}, 120_000);
afterAll(() => {
  cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

it('builds the demo county on DuckDB and on the sharded cluster to the same exported datasets', async () => {
  const world = join(root, 'world');
  await generate({
    scale: 'county',
    seed: DEMO_SEED,
    asOf: DEMO_AS_OF,
    out: world,
    dirt: DEFAULT_DIRT,
    progress: () => {},
    believableNames: true,
  });
  await ingest({ dataDir: world, config, log: silentLog() });
  const [duck, post] = [join(root, 'duck'), join(root, 'post')];
  for (const dir of [duck, post]) cpSync(world, dir, { recursive: true });
  const d = await build({ dataDir: duck, config, asOf: DEMO_AS_OF, log: silentLog() });
  const p = await build({ dataDir: post, config: pgConfig, asOf: DEMO_AS_OF, log: silentLog(), engine: 'postgres' });
  expect(d.message).toBeNull();
  expect(p.message).toBeNull();
  expect(p.published).toBe(true);
  const exported = await datasetsOfFolders(duck, post);
  expect(exported.map((x) => x.name)).toEqual(DATASET_NAMES);
  for (const x of exported) expect(x.postgres, x.name).toBe(x.duckdb);
  // A county's datasets are not empty: the comparison compares something.
  const lines = (name: string) => exported.find((x) => x.name === name)!.duckdb.split('\n').length;
  expect(lines('repeat-violators')).toBeGreaterThan(10);
  expect(lines('warnings')).toBeGreaterThan(10);
}, 900_000);
