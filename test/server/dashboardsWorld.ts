/**
 * A generated world, ingested and built by the real pipeline, served on a loopback port, with one user
 * per role — shared by the page and browser tests. BROWSER_SCALE=county gives the demo's numbers.
 */
import { join } from 'node:path';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { build } from '../../pipelines/build/build.js';
import { generate, type Scale } from '../../generator/generate.js';
import { DEFAULT_DIRT } from '../../generator/dirt.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { tempDataDir } from './fixtures.js';
import { startTestServer, userWithToken, type TestServer } from './harness.js';

export const WORLD_AS_OF = '2025-12-31';

export interface DashboardWorld {
  dataDir: string;
  server: TestServer;
  tokens: Record<'admin' | 'analyst' | 'leader', string>;
}

export async function dashboardWorld(): Promise<DashboardWorld> {
  const dataDir = tempDataDir();
  const scale = (process.env.BROWSER_SCALE ?? 'tiny') as Scale;
  const config = loadConfig();
  await generate({ scale, seed: 1, asOf: WORLD_AS_OF, out: dataDir, dirt: DEFAULT_DIRT, progress: () => {} });
  await ingest({ dataDir, config, log: silentLog() });
  const result = await build({ dataDir, asOf: WORLD_AS_OF, config, log: silentLog() });
  if (!result.published) throw new Error(`build ${result.buildId} not published: ${result.status}`);
  const tokens = {
    admin: await userWithToken(dataDir, 'adm', 'admin'),
    analyst: await userWithToken(dataDir, 'ana', 'analyst'),
    leader: await userWithToken(dataDir, 'lead', 'leader'),
  };
  return { dataDir, server: await startTestServer(dataDir), tokens };
}

export const auditFile = (dataDir: string, month: string) => join(dataDir, 'audit', `audit-${month}.jsonl`);
