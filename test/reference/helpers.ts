import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, type Db } from '../../lib/db.js';
import { DEFAULT_REFERENCE_DIR } from '../../lib/reference/index.js';

/** A fresh warehouse file in the temp folder; call `close` when done. */
export async function freshDb(): Promise<{ db: Db; path: string; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ref-'));
  const path = join(dir, 'warehouse.duckdb');
  const database = await Database.open(path);
  const db = await database.connect();
  return {
    db,
    path,
    close: () => {
      db.close();
      database.close();
    },
  };
}

/** A private copy of the shipped reference folder that a test may edit. */
export function referenceCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'refdata-'));
  cpSync(DEFAULT_REFERENCE_DIR, dir, { recursive: true });
  return dir;
}
