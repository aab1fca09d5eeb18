/** Real DuckDB files in a temporary data directory, seeded with small raw tables. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../lib/config/load.js';
import { withDb, type Row } from '../../lib/db.js';
import { silentLog } from '../../lib/log.js';
import { paths } from '../../lib/dataDir.js';
import { openPublished } from '../../lib/publish/reader.js';
import { build, type BuildOptions, type BuildResult } from '../../pipelines/build/build.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const config = loadConfig();

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export interface Penalty {
  file: number;
  row?: number;
  key: string;
  authority: string;
  date: string;
  fine: number;
  reason?: string | null;
  uscc?: string;
}

/** Appends penalty rows to raw.penalties, as the ingest would after loading delivery `file`. */
export async function addPenalties(dataDir: string, rows: Penalty[]): Promise<void> {
  await withDb(paths.warehouse(dataDir), {}, async (db) => {
    await db.exec(`create schema if not exists raw;
      create table if not exists raw.penalties (
        _file_id bigint, _row_number integer, _reason varchar, _findings varchar[], _key varchar,
        authority varchar, uscc varchar, decided_date date, fine_yuan double)`);
    const perFile = new Map<number, number>();
    for (const r of rows) {
      const row = r.row ?? (perFile.get(r.file) ?? 0) + 1;
      perFile.set(r.file, row);
      await db.run(`insert into raw.penalties values (?, ?, ?, [], ?, ?, ?, ?::date, ?)`, [
        r.file,
        row,
        r.reason ?? null,
        r.key,
        r.authority,
        r.uscc ?? '91350200MA2XXXXX0X',
        r.date,
        r.fine,
      ]);
    }
  });
}

/** A copy of a fixture project (so a test can change it) plus extra or replaced files. */
export function project(fixture: string | null, files: Record<string, string> = {}): string {
  const dir = tempDir('models');
  if (fixture) cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

export function runBuild(dataDir: string, modelsDir: string, extra: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return build({ dataDir, modelsDir, config, asOf: '2025-12-31', log: silentLog(), ...extra });
}

/** Reads from the published build the way the server and exports do. */
export async function published(dataDir: string, sql: string): Promise<Row[]> {
  const pb = await openPublished(dataDir);
  try {
    return await pb.db.all(sql);
  } finally {
    pb.close();
  }
}
