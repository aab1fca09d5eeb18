/**
 * Keeps the newest few published builds and deletes the rest. A file some other process still has open
 * (read-only readers hold a shared lock) is left for a later run; a reader in this process that still
 * has an unlinked file open keeps reading it, as POSIX keeps the inode until it is closed.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../db.js';
import type { Log } from '../log.js';
import { paths } from '../dataDir.js';

async function heldByAnotherProcess(file: string): Promise<boolean> {
  try {
    const database = await Database.open(file);
    database.close();
    return false;
  } catch (e) {
    // lib/db.ts turns DuckDB's lock conflict into a SentinelError with code 'locked'.
    return (e as { code?: string }).code === 'locked' || /lock/i.test((e as Error).message);
  }
}

/** `keepIds`: builds that must stay (the published one, recent published ones, the one just made). */
export async function pruneBuilds(dataDir: string, keepIds: ReadonlySet<string>, log: Log): Promise<string[]> {
  const dir = paths.builds(dataDir);
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.duckdb')) continue;
    const id = name.slice(0, -'.duckdb'.length);
    if (keepIds.has(id)) continue;
    const file = join(dir, name);
    if (await heldByAnotherProcess(file)) {
      log.info({ build_id: id }, 'old build still open by a reader; kept for now');
      continue;
    }
    rmSync(file, { force: true });
    rmSync(`${file}.wal`, { force: true });
    removed.push(id);
  }
  return removed;
}
