import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../lib/dataDir.js';
import { Rng } from './prng.js';
import type { DirtRates } from './dirt.js';
import { generateWorld, type GenerateSummary } from './generate.js';
import {
  readManifest,
  sameRun,
  writeManifest,
  type ProvinceManifest,
  type ProvinceParameters,
  type ShardRecord,
} from './manifest.js';
import { releaseMemory } from './memory.js';

/**
 * Scales too big for one world in memory: independent county-sized shards, each a whole world of
 * its own (inbox and answer key) under DIR/shards/NNN/, generated one after another.
 * `province-mini` is the same path at test size.
 */
export const SHARDED_SCALES = {
  province: { shards: 50, entitiesPerShard: 100_000, utilityMonths: 72 },
  'province-mini': { shards: 4, entitiesPerShard: 1_500, utilityMonths: 24 },
} as const;
export type ShardedScale = keyof typeof SHARDED_SCALES;

/**
 * Each shard's identifiers (USCC and identity-number indexes) start this far past the previous
 * shard's: more than a shard's entities, persons and planted cases, so no two shards share one.
 */
export const ID_STRIDE = 150_000;

export interface ShardedOptions {
  scale: ShardedScale;
  seed: number;
  asOf: string;
  out: string;
  dirt: DirtRates;
  progress: (message: string) => void;
}

export interface ShardedSummary extends GenerateSummary {
  shards: number;
  /** Shards found finished by an earlier run and kept. */
  resumed: number;
}

export function shardDir(shard: number): string {
  return join('shards', String(shard).padStart(3, '0'));
}

/** A shard's own seed, derived from the province's, so shards differ and reruns agree. */
export function shardSeed(seed: number, shard: number): number {
  return new Rng(seed, 1000 + shard).u32();
}

/**
 * Writes (or finishes) a sharded world. A shard is generated into `NNN.partial` and renamed when
 * complete, then recorded in DIR/province.json; a rerun with the same parameters keeps recorded
 * shards and redoes the rest, so an interrupted run ends byte-identical to an uninterrupted one.
 */
export async function generateSharded(opts: ShardedOptions): Promise<ShardedSummary> {
  const plan = SHARDED_SCALES[opts.scale];
  mkdirSync(opts.out, { recursive: true });
  // The single-world layout would be mistaken for part of this one.
  for (const sub of [paths.inbox(opts.out), paths.answerKey(opts.out)]) rmSync(sub, { recursive: true, force: true });
  const wanted: ProvinceParameters = {
    scale: opts.scale,
    seed: opts.seed,
    as_of: opts.asOf,
    dirt: { ...opts.dirt },
    shards: plan.shards,
    entities_per_shard: plan.entitiesPerShard,
  };
  const previous = readManifest(opts.out);
  let manifest: ProvinceManifest;
  if (previous && sameRun(previous, wanted)) {
    manifest = previous;
    opts.progress(`resuming: ${previous.done.length} of ${plan.shards} shards already written`);
  } else {
    if (previous) opts.progress('an earlier run with other parameters is replaced');
    rmSync(join(opts.out, 'shards'), { recursive: true, force: true });
    manifest = { ...wanted, done: [], complete: false, totals: null };
  }
  const resumed = manifest.done.length;
  removeUnrecorded(opts.out, manifest);
  writeManifest(opts.out, manifest);
  const started = performance.now();
  let generatedNow = 0;
  for (let shard = 1; shard <= plan.shards; shard++) {
    if (manifest.done.some((d) => d.shard === shard)) continue;
    const dir = join(opts.out, shardDir(shard));
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    const seed = shardSeed(opts.seed, shard);
    const label = `shard ${shard}/${plan.shards}`;
    const s = await generateWorld({
      seed,
      asOf: opts.asOf,
      out: partial,
      dirt: opts.dirt,
      label,
      size: { entities: plan.entitiesPerShard, utilityMonths: plan.utilityMonths, idBase: (shard - 1) * ID_STRIDE },
      progress: (m) => opts.progress(`${label}: ${m}`),
    });
    renameSync(partial, dir);
    const record: ShardRecord = {
      shard,
      dir: shardDir(shard),
      seed,
      entities: s.entities,
      rows: s.rows,
      files: s.files,
      quarantined: s.quarantined,
    };
    manifest = { ...manifest, done: [...manifest.done, record].sort((a, b) => a.shard - b.shard) };
    writeManifest(opts.out, manifest);
    generatedNow++;
    releaseMemory();
    const elapsed = (performance.now() - started) / 1000;
    const left = plan.shards - manifest.done.length;
    const mem = process.memoryUsage().rss / 2 ** 20;
    opts.progress(
      `${label} done: ${s.rows} rows, ${s.files} files; ${manifest.done.length}/${plan.shards} shards, ` +
        `${elapsed.toFixed(0)} s so far, about ${((elapsed / generatedNow) * left).toFixed(0)} s left, ` +
        `rss ${mem.toFixed(0)} MB`,
    );
  }
  const totals = sum(manifest.done);
  manifest = { ...manifest, complete: true, totals };
  writeManifest(opts.out, manifest);
  return { ...totals, answerKeys: [], shards: plan.shards, resumed };
}

/** Shard folders a killed run left behind: not recorded, so not trusted. */
function removeUnrecorded(out: string, manifest: ProvinceManifest): void {
  const root = join(out, 'shards');
  if (!existsSync(root)) return;
  const kept = new Set(manifest.done.map((d) => d.dir));
  for (const name of readdirSync(root)) {
    if (!kept.has(join('shards', name))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

function sum(done: readonly ShardRecord[]): ProvinceManifest['totals'] & object {
  const t = { entities: 0, rows: 0, files: 0, quarantined: 0 };
  for (const d of done) {
    t.entities += d.entities;
    t.rows += d.rows;
    t.files += d.files;
    t.quarantined += d.quarantined;
  }
  return t;
}
