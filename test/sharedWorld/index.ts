/**
 * The shared world for test files: wait until it is built, read it in place (it is read-only: several
 * suites read it at once), or take a private copy to change. Copying the directory, DuckDB files
 * included, takes well under a second; generating, ingesting and building it again takes a minute.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { sharedWorldPaths, type SharedWorldStatus } from './spec.js';

export { SHARED_WORLD } from './spec.js';

const WAIT_MS = 600_000;

async function ready(): Promise<ReturnType<typeof sharedWorldPaths>> {
  const root = inject('sharedWorldRoot');
  if (!root) throw new Error('no shared world: vitest.config.ts must run test/globalSetup.ts');
  const p = sharedWorldPaths(root);
  for (const end = Date.now() + WAIT_MS; !existsSync(p.status); await sleep(250)) {
    if (Date.now() > end) throw new Error(`the shared world was not built within ${WAIT_MS / 1000} s (${p.status})`);
  }
  const s = JSON.parse(readFileSync(p.status, 'utf8')) as SharedWorldStatus;
  if (s.status === 'failed') throw new Error(`building the shared world failed:\n${s.error}`);
  return p;
}

/** The built world's data directory, to read only (published build, warehouse, answer key). */
export async function sharedWorldDir(): Promise<string> {
  return (await ready()).built;
}

/** A private copy of the built world (published build included) under the run's temp directory. */
export async function copyOfSharedWorld(prefix = 'world-'): Promise<string> {
  return copyInto((await ready()).built, prefix);
}

/** A private copy of the generated world before ingest: its inbox full, its answer key beside it. */
export async function copyOfGeneratedWorld(prefix = 'generated-'): Promise<string> {
  return copyInto((await ready()).generated, prefix);
}

function copyInto(from: string, prefix: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), 'data');
  cpSync(from, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}
