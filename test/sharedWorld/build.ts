/**
 * `node --import tsx test/sharedWorld/build.ts ROOT`: generates the shared world into ROOT/generated,
 * copies it to ROOT/built, ingests and builds it there, then writes ROOT/status.json. Run by
 * test/globalSetup.ts in a child process, so the test files that need no world run meanwhile.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { build } from '../../pipelines/build/build.js';
import { generate } from '../../generator/generate.js';
import { DEFAULT_DIRT } from '../../generator/dirt.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { SHARED_WORLD, sharedWorldPaths, type SharedWorldStatus } from './spec.js';

async function buildSharedWorld(root: string): Promise<void> {
  const p = sharedWorldPaths(root);
  const { scale, seed, asOf } = SHARED_WORLD;
  const config = loadConfig();
  await generate({ scale, seed, asOf, out: p.generated, dirt: DEFAULT_DIRT, progress: () => {} });
  cpSync(p.generated, p.built, { recursive: true, preserveTimestamps: true });
  await ingest({ dataDir: p.built, config, log: silentLog() });
  const result = await build({ dataDir: p.built, asOf, config, log: silentLog() });
  if (!result.published) throw new Error(`build ${result.buildId} not published: ${result.status}`);
}

const root = process.argv[2];
if (!root) throw new Error('usage: build.ts ROOT');
const started = performance.now();
let status: SharedWorldStatus;
try {
  await buildSharedWorld(root);
  status = { status: 'ready', seconds: (performance.now() - started) / 1000 };
} catch (e) {
  status = { status: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  process.exitCode = 1;
}
writeFileSync(sharedWorldPaths(root).status, JSON.stringify(status));
