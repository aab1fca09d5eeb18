/**
 * Small JSON state shared between processes (the server reads, `sentinel user …` writes): replaced
 * atomically by write-temp + fsync + rename, and written under an exclusive lock file so two
 * concurrent writers cannot lose each other's change.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lock older than this is taken to be left by a killed writer (a write takes milliseconds). */
const STALE_MS = 30_000;

export async function withFileLock<T>(path: string, fn: () => Promise<T> | T, waitMs = 10_000): Promise<T> {
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_MS) rmSync(lock, { force: true });
      } catch {
        // removed by its owner meanwhile
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held by another process; try again`);
      await sleep(25);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}
