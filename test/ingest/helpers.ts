/** Test helpers: write real extracts as departments deliver them, ingest them, and read the warehouse. */
import { copyFileSync, mkdtempSync, mkdirSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { loadConfig } from '../../lib/config/load.js';
import type { Config } from '../../lib/config/schema.js';
import { silentLog } from '../../lib/log.js';
import { withDb, type Row } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import { ingest, type IngestResult } from '../../pipelines/ingest/run.js';

export type Cell = string | number | Date | null;

export function tempDataDir(prefix = 'ingest-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

let clock = Date.UTC(2025, 0, 1);

/** Writes a file into inbox/<source>/ with an increasing modification time (delivery order). */
export function deliver(dataDir: string, source: string, name: string, bytes: Buffer | string, mtime?: Date): string {
  const dir = paths.sourceInbox(dataDir, source);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const t = mtime ?? new Date((clock += 60_000));
  utimesSync(path, t, t);
  return path;
}

function csvField(v: Cell): string {
  if (v === null) return '';
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvText(headers: readonly string[], rows: readonly Cell[][], eol = '\n'): string {
  return [headers, ...rows].map((r) => r.map(csvField).join(',')).join(eol) + eol;
}

export function csvUtf8(
  headers: readonly string[],
  rows: readonly Cell[][],
  opts: { bom?: boolean; eol?: string } = {},
): Buffer {
  return Buffer.from((opts.bom ? '\uFEFF' : '') + csvText(headers, rows, opts.eol), 'utf8');
}

export function csvGb18030(headers: readonly string[], rows: readonly Cell[][]): Buffer {
  return iconv.encode(csvText(headers, rows), 'gb18030');
}

export async function xlsx(
  sheets: { name: string; title?: string; headers: readonly string[]; rows: readonly Cell[][] }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    if (s.title) {
      ws.addRow([s.title]);
      ws.addRow([]);
    }
    ws.addRow([...s.headers]);
    for (const r of s.rows) {
      const row = ws.addRow(r.map((v) => v));
      r.forEach((v, i) => {
        if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function jsonArray(headers: readonly string[], rows: readonly Cell[][]): Buffer {
  const objs = rows.map((r) =>
    Object.fromEntries(headers.map((h, i) => [h, r[i] ?? null]).filter(([, v]) => v !== null)),
  );
  return Buffer.from(JSON.stringify(objs, null, 1), 'utf8');
}

export function jsonLines(headers: readonly string[], rows: readonly Cell[][]): Buffer {
  return Buffer.from(
    rows.map((r) => JSON.stringify(Object.fromEntries(headers.map((h, i) => [h, r[i] ?? null])))).join('\n') + '\n',
    'utf8',
  );
}

export function testConfig(override?: unknown): Readonly<Config> {
  return loadConfig(override === undefined ? {} : { override });
}

export async function runIngest(dataDir: string, config: Readonly<Config> = testConfig()): Promise<IngestResult> {
  return ingest({ dataDir, config, log: silentLog(), now: () => new Date('2025-06-30T02:00:00Z') });
}

let emptyWarehouse: Promise<string> | undefined;

/**
 * A data directory whose warehouse already exists and holds no file: a copy of one made by a real ingest
 * of an empty inbox, once per test process. Making a warehouse (schemas, the fourteen typed views, macros,
 * reference tables) takes about a second, more than ingesting a small file; a suite that ingests dozens
 * of single files, each into a fresh directory, and tests what the files become rather than how a
 * warehouse is first made (test/faults/corpus.test.ts) takes its directories from here.
 */
export async function tempDataDirWithWarehouse(prefix = 'ingest-'): Promise<string> {
  emptyWarehouse ??= (async () => {
    const template = tempDataDir('empty-warehouse-');
    mkdirSync(paths.inbox(template), { recursive: true });
    const { outcomes } = await runIngest(template);
    if (outcomes.length) throw new Error('the empty warehouse template ingested files');
    return paths.warehouse(template);
  })();
  const from = await emptyWarehouse;
  const dir = tempDataDir(prefix);
  copyFileSync(from, paths.warehouse(dir));
  return dir;
}

export async function query<T = Row>(dataDir: string, sql: string, params: (string | number)[] = []): Promise<T[]> {
  return withDb(paths.warehouse(dataDir), { readOnly: true }, (db) => db.all<T>(sql, params));
}

/** rows read = rows loaded + rows quarantined, for every loaded file. */
export async function accountingHolds(dataDir: string): Promise<boolean> {
  const bad = await query(
    dataDir,
    `select f.file_id from ingest.files f
     where f.rows_read <> f.rows_loaded + f.rows_quarantined`,
  );
  return bad.length === 0;
}
