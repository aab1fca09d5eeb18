/**
 * The audit log's append lock: DIR/audit/.lock created with O_EXCL holds the writer's pid. Another
 * process retries until it is gone. A lock whose process is dead, or older than STALE_MS (a writer
 * holds it for a few milliseconds), was left by a killed writer and is taken over.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const STALE_MS = 10_000;
const GIVE_UP_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock when its writer is dead or it is stale; true when it was removed (or already gone). */
async function clearStale(lock: string): Promise<boolean> {
  try {
    const [text, st] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]);
    const pid = Number(text);
    // An empty file is a writer between creating and writing it: stale only by age.
    const dead = text !== '' && Number.isInteger(pid) && pid > 0 && !alive(pid);
    if (!dead && Date.now() - st.mtimeMs < STALE_MS) return false;
    await unlink(lock);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}

export async function withAuditLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, '.lock');
  const started = Date.now();
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      const fh = await open(lock, 'wx', 0o600);
      await fh.write(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (await clearStale(lock)) continue;
      if (Date.now() - started > GIVE_UP_MS) throw new Error(`the audit log's lock ${lock} is held for over 30 s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
