/**
 * Benchmark extracts of the penalties source: an N-row CSV in UTF-8 and the same text in GB18030, and
 * an XLSX with a title above its header. Rows are streamed in batches, never held whole, so a
 * million rows cost the memory of one batch.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { BENCH_OUT, cached, writerVersion } from './cache.js';
import { BenchRng } from './rng.js';
import { PENALTY_HEADERS, penaltyRow, type Cell } from './penaltyRow.js';

export interface PenaltyDataset {
  rows: number;
  seed: number;
  /** Expected quarantine reasons and how many rows carry each. */
  planted: Record<string, number>;
  plantedTotal: number;
  files: Record<string, string>;
  bytes: Record<string, number>;
}

export interface WriteOptions {
  rows: number;
  seed?: number;
  /** Where the files go; bench/out/data by default. */
  dir?: string;
}

const BATCH = 5000;

function csvField(c: Cell): string {
  if (c === null) return '';
  const s = c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

async function write(stream: WriteStream, data: string | Buffer): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain');
}

async function finish(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

function countPlanted(planted: Record<string, number>, reason: string | null): void {
  if (reason) planted[reason] = (planted[reason] ?? 0) + 1;
}

/** Writes (or finds cached) the UTF-8 and GB18030 CSV files with the same content. */
export async function penaltiesCsv(opts: WriteOptions): Promise<PenaltyDataset> {
  const seed = opts.seed ?? 20251231;
  const dir = opts.dir ?? join(BENCH_OUT, 'data');
  const base = join(dir, `penalties-${opts.rows}r-s${seed}-${await writerVersion()}`);
  const files = { utf8: `${base}.utf8.csv`, gb18030: `${base}.gb18030.csv` };
  const { manifest } = await cached(`${base}.csv.json`, Object.values(files), async () => {
    const rng = new BenchRng(seed);
    const planted: Record<string, number> = {};
    const utf8 = createWriteStream(`${files.utf8}.partial`);
    const gb = createWriteStream(`${files.gb18030}.partial`);
    const bytes = { utf8: 0, gb18030: 0 };
    // Exports from Windows systems end lines with CRLF.
    let chunk = `${PENALTY_HEADERS.join(',')}\r\n`;
    const flush = async () => {
      const u = Buffer.from(chunk, 'utf8');
      const g = iconv.encode(chunk, 'gb18030');
      bytes.utf8 += u.length;
      bytes.gb18030 += g.length;
      await Promise.all([write(utf8, u), write(gb, g)]);
      chunk = '';
    };
    for (let i = 0; i < opts.rows; i++) {
      const row = penaltyRow(rng, seed, i, { typedCells: false });
      countPlanted(planted, row.planted);
      chunk += `${row.cells.map(csvField).join(',')}\r\n`;
      if ((i + 1) % BATCH === 0) await flush();
    }
    await flush();
    await Promise.all([finish(utf8), finish(gb)]);
    await rename(`${files.utf8}.partial`, files.utf8);
    await rename(`${files.gb18030}.partial`, files.gb18030);
    return summary(opts.rows, seed, planted, files, bytes);
  });
  return manifest;
}

/** Writes (or finds cached) an XLSX of the same kind of rows through exceljs' streaming writer. */
export async function penaltiesXlsx(opts: WriteOptions): Promise<PenaltyDataset> {
  const seed = opts.seed ?? 20251231;
  const dir = opts.dir ?? join(BENCH_OUT, 'data');
  const base = join(dir, `penalties-${opts.rows}r-s${seed}-${await writerVersion()}`);
  const files = { xlsx: `${base}.xlsx` };
  const { manifest } = await cached(`${base}.xlsx.json`, Object.values(files), async () => {
    const rng = new BenchRng(seed);
    const planted: Record<string, number> = {};
    const partial = `${files.xlsx}.partial`;
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet('行政处罚');
    // Departments' exports put a title and an export note above the header.
    ws.addRow(['厦门市海沧区行政处罚信息公示表']).commit();
    ws.addRow(['导出时间：2025年12月31日', '', '导出单位：厦门市海沧区发展和改革局']).commit();
    ws.addRow([...PENALTY_HEADERS]).commit();
    for (let i = 0; i < opts.rows; i++) {
      const row = penaltyRow(rng, seed, i, { typedCells: true });
      countPlanted(planted, row.planted);
      const r = ws.addRow(row.cells);
      r.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      });
      r.commit();
    }
    ws.commit();
    await wb.commit();
    await rename(partial, files.xlsx);
    return summary(opts.rows, seed, planted, files, {});
  });
  return manifest;
}

function summary(
  rows: number,
  seed: number,
  planted: Record<string, number>,
  files: Record<string, string>,
  bytes: Record<string, number>,
): PenaltyDataset {
  const plantedTotal = Object.values(planted).reduce((a, b) => a + b, 0);
  return { rows, seed, planted, plantedTotal, files, bytes };
}
