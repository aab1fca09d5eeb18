import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mtimeOf } from './delivery/deliver.js';
import { setMtime } from './delivery/writers.js';

/** One finished shard as recorded in DIR/province.json. */
export interface ShardRecord {
  shard: number;
  /** Relative to DIR, e.g. shards/007. */
  dir: string;
  seed: number;
  entities: number;
  rows: number;
  files: number;
  quarantined: number;
}

export interface ProvinceParameters {
  scale: string;
  seed: number;
  as_of: string;
  dirt: Record<string, number>;
  shards: number;
  entities_per_shard: number;
}

/**
 * DIR/province.json: the parameters of the run and the shards finished so far. It holds no times
 * or paths of the machine, so a finished province is byte-identical however often it was resumed.
 */
export interface ProvinceManifest extends ProvinceParameters {
  done: ShardRecord[];
  complete: boolean;
  totals: { entities: number; rows: number; files: number; quarantined: number } | null;
}

export const MANIFEST = 'province.json';

export function readManifest(out: string): ProvinceManifest | null {
  const path = join(out, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ProvinceManifest;
  } catch {
    // A manifest torn by a crash is no record of anything: the run starts over.
    return null;
  }
}

export function sameRun(m: ProvinceParameters, p: ProvinceParameters): boolean {
  return JSON.stringify(parametersOf(m)) === JSON.stringify(parametersOf(p));
}

function parametersOf(p: ProvinceParameters): ProvinceParameters {
  const dirt = Object.fromEntries(Object.entries(p.dirt).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    scale: p.scale,
    seed: p.seed,
    as_of: p.as_of,
    dirt,
    shards: p.shards,
    entities_per_shard: p.entities_per_shard,
  };
}

/** Written beside and renamed over, so a kill leaves either the old record or the new one. */
export function writeManifest(out: string, m: ProvinceManifest): void {
  const path = join(out, MANIFEST);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(m, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  setMtime(path, mtimeOf(m.as_of, 0));
}
