/**
 * A generated world, ingested and built by the real pipeline, served on a loopback port, with one user
 * per role — shared by the page and browser tests. It is a private copy of the run's shared world (the
 * same tiny county, seed 1, as of 2025-12-31, that each suite used to generate for itself): the users,
 * sessions and audit lines the suites write stay in their copy. BROWSER_SCALE=county gives the demo's
 * numbers from a world of its own.
 */
import { join } from 'node:path';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { build } from '../../pipelines/build/build.js';
import { generate, type Scale } from '../../generator/generate.js';
import { DEFAULT_DIRT } from '../../generator/dirt.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { copyOfSharedWorld, SHARED_WORLD } from '../sharedWorld/index.js';
import { tempDataDir } from './fixtures.js';
import { startTestServer, userWithToken, type TestServer } from './harness.js';

export const WORLD_AS_OF = SHARED_WORLD.asOf;

export interface DashboardWorld {
  dataDir: string;
  server: TestServer;
  tokens: Record<'admin' | 'analyst' | 'leader', string>;
}

/** A world of another scale than the shared one, generated, ingested and built here. */
async function ownWorld(scale: Scale): Promise<string> {
  const dataDir = tempDataDir();
  const config = loadConfig();
  await generate({
    scale,
    seed: 1,
    asOf: WORLD_AS_OF,
    out: dataDir,
    dirt: DEFAULT_DIRT,
    progress: () => {},
    // The demo's names too (cli/demo.ts): the README's screenshots show no fixture names such as 边界red项目.
    believableNames: true,
  });
  await ingest({ dataDir, config, log: silentLog() });
  const result = await build({ dataDir, asOf: WORLD_AS_OF, config, log: silentLog() });
  if (!result.published) throw new Error(`build ${result.buildId} not published: ${result.status}`);
  return dataDir;
}

export async function dashboardWorld(): Promise<DashboardWorld> {
  const scale = (process.env.BROWSER_SCALE ?? SHARED_WORLD.scale) as Scale;
  const dataDir = scale === SHARED_WORLD.scale ? await copyOfSharedWorld('server-') : await ownWorld(scale);
  const tokens = {
    admin: await userWithToken(dataDir, 'adm', 'admin'),
    analyst: await userWithToken(dataDir, 'ana', 'analyst'),
    leader: await userWithToken(dataDir, 'lead', 'leader'),
  };
  return { dataDir, server: await startTestServer(dataDir), tokens };
}

export const auditFile = (dataDir: string, month: string) => join(dataDir, 'audit', `audit-${month}.jsonl`);
