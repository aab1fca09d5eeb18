/**
 * Every test run writes its temporary worlds, warehouses and browser profiles under one directory of
 * its own, removed when the run ends: the tests make a few gigabytes of DuckDB files per run, and left
 * in the system temp directory they filled a developer's disk after ten runs. SENTINEL_KEEP_TMP=1 keeps
 * the directory for inspection (its path is printed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'sentinel-tests-'));
  // Test processes (vitest's forks, the CLI children they start, chromium) inherit it: os.tmpdir() reads TMPDIR.
  process.env.TMPDIR = root;
  return () => {
    if (process.env.SENTINEL_KEEP_TMP) console.log(`test files kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
}
