/**
 * Every test run writes its temporary worlds, warehouses and browser profiles under one directory of
 * its own, removed when the run ends: the tests make a few gigabytes of DuckDB files per run, and left
 * in the system temp directory they filled a developer's disk after ten runs. SENTINEL_KEEP_TMP=1 keeps
 * the directory for inspection (its path is printed).
 *
 * It also starts building the run's shared world (test/sharedWorld/) in a child process and provides its
 * directory; the suites that need it wait for it, the others run meanwhile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { sharedWorldPaths, type SharedWorldStatus } from './sharedWorld/spec.js';

const BUILD_SCRIPT = fileURLToPath(new URL('./sharedWorld/build.ts', import.meta.url));

function startSharedWorld(root: string): ChildProcess {
  mkdirSync(root);
  const child = spawn(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, root], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // A child that dies before writing its status (killed, out of memory) must not leave the suites waiting.
  child.on('exit', (code, signal) => {
    if (code === 0) return;
    const error = `test/sharedWorld/build.ts ended with ${signal ?? `exit code ${code}`}\n${stderr}`;
    try {
      writeFileSync(sharedWorldPaths(root).status, JSON.stringify({ status: 'failed', error } as SharedWorldStatus), {
        flag: 'wx',
      });
    } catch {
      // It wrote its own status (a failure it caught), or the run is over and the directory gone.
    }
  });
  return child;
}

export default function setup(project: TestProject): () => Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sentinel-tests-'));
  // Test processes (vitest's forks, the CLI children they start, chromium) inherit it: os.tmpdir() reads TMPDIR.
  process.env.TMPDIR = root;
  const worldRoot = join(root, 'shared-world');
  const child = startSharedWorld(worldRoot);
  project.provide('sharedWorldRoot', worldRoot);
  return async () => {
    // A run that needed no world (one test file) ends before the world is built: stop building it.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    if (process.env.SENTINEL_KEEP_TMP) console.log(`test files kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
}
