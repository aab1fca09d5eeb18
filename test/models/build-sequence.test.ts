import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { paths } from '../../lib/dataDir.js';
import { build, type BuildResult } from '../../pipelines/build/build.js';
import { generate } from '../../generator/generate.js';
import { DEFAULT_DIRT } from '../../generator/dirt.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { differingTables, inboxFiles } from './compareBuilds.js';
import { World } from './world.js';

/**
 * Deliveries arrive source by source, in an order no department coordinates: penalties first, then
 * repairs and objections naming penalties already built, court cases and lists in between, the
 * register late (changing names that resolve old events), and the as-of moving on. Each step builds from
 * the previous build (carrying, early cut-off, stream merges); the last build must equal a
 * --full-refresh build of the same warehouse, table by table.
 */
const BATCHES: ReadonlyArray<{ sources: readonly string[]; asOf: string }> = [
  { sources: ['penalties', 'licenses', 'commitments'], asOf: '2025-11-30' },
  { sources: ['repairs', 'objections', 'court_dishonest'], asOf: '2025-11-30' },
  { sources: ['serious_list', 'attention_list', 'tax_credit', 'public_rating', 'utilities'], asOf: '2025-12-15' },
  { sources: ['enterprises', 'key_projects', 'project_parties', 'screening_reports'], asOf: '2025-12-31' },
];

// Keeps a world of its own: its deliveries are ingested in four batches with a build after each, which a
// world already ingested (the run's shared one) cannot replay; generating it is the cheap part of its set-up.
describe('a chain of builds over deliveries arriving source by source', () => {
  const world = new World();
  const config = loadConfig();
  const chain: BuildResult[] = [];
  let full: BuildResult;

  beforeAll(async () => {
    await generate({
      scale: 'tiny',
      seed: 11,
      asOf: '2025-12-31',
      out: world.dir,
      dirt: DEFAULT_DIRT,
      progress: () => {},
    });
    const files = inboxFiles(world.dir);
    const held = join(world.dir, 'held');
    for (const f of files) {
      mkdirSync(join(held, f, '..'), { recursive: true });
      renameSync(join(paths.inbox(world.dir), f), join(held, f));
    }
    // Every source arrives in two parts: the first half of its files with its batch, the rest with the
    // next batch (the last batch's rest arrives with the first, wrapping round), so each build takes some
    // rows of several sources and more of one.
    const source = (f: string) => f.split(/[\\/]/)[0]!;
    const parts = BATCHES.map(() => [] as string[]);
    for (const [i, batch] of BATCHES.entries()) {
      for (const s of batch.sources) {
        const own = files.filter((f) => source(f) === s);
        const half = Math.ceil(own.length / 2);
        parts[i]!.push(...own.slice(0, half));
        parts[(i + 1) % BATCHES.length]!.push(...own.slice(half));
      }
    }
    expect(parts.flat().sort()).toEqual([...files].sort());
    for (const [i, batch] of BATCHES.entries()) {
      for (const f of parts[i]!) {
        mkdirSync(join(paths.inbox(world.dir), f, '..'), { recursive: true });
        renameSync(join(held, f), join(paths.inbox(world.dir), f));
      }
      await ingest({ dataDir: world.dir, config, log: silentLog() });
      chain.push(await build({ dataDir: world.dir, asOf: batch.asOf, config, log: silentLog() }));
    }
    full = await build({ dataDir: world.dir, asOf: '2025-12-31', config, log: silentLog(), fullRefresh: true });
  }, 600_000);

  it('publishes every build of the chain, later ones carrying or merging what did not change', () => {
    expect(chain.map((r) => r.published)).toEqual(BATCHES.map(() => true));
    expect(full.published).toBe(true);
    // The chain really took the short ways: something was carried or merged after the first build.
    const shortcuts = chain.slice(1).map((r) => r.models.filter((m) => m.action === 'carried').length);
    expect(shortcuts.some((n) => n > 0)).toBe(true);
  });

  it('ends with the same tables as a full refresh of the same warehouse', async () => {
    expect(await differingTables(chain.at(-1)!.file, full.file)).toEqual([]);
  });
});
