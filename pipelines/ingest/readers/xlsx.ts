import type { Db } from '../../../lib/db.js';
import type { SourceContract } from '../contracts/types.js';
import { mapHeaders } from '../headers.js';
import { ContentRefused } from '../refusal.js';
import { appendRecords, type JsRecord } from './tempTable.js';
import type { Part, ReadFile } from './types.js';
import type { SheetRow } from './xlsx/sheetRows.js';
import { openWorkbook } from './xlsx/workbook.js';

const isBlank = (cells: (string | null)[]) => cells.every((c) => c === null || c.trim() === '');

/**
 * Streams a workbook (`xlsx/`: each sheet's XML scanned as it inflates). Every sheet whose header row —
 * the first of its first `searchRows` rows naming at least `minMatches` known headers — is found
 * becomes a part; rows of a part are its non-blank rows below the header.
 */
export async function readXlsx(
  path: string,
  contract: SourceContract,
  searchRows: number,
  minMatches: number,
): Promise<ReadFile> {
  let parts: Part[];
  let skipped: string[];
  try {
    ({ parts, skipped } = await readSheets(path, contract, searchRows, minMatches));
  } catch (e) {
    if (e instanceof ContentRefused) throw e;
    // The zip library's and the scanner's words ("end of central directory record signature not found")
    // mean nothing to a clerk.
    throw new ContentRefused('Excel 工作簿不完整或已损坏，无法打开，请重新导出后报送', (e as Error).message);
  }
  if (parts.length === 0) {
    throw new ContentRefused(
      skipped.length
        ? `没有一个工作表含有「${contract.title}」的表头（${skipped.join('；')}）`
        : '工作簿中没有工作表（文件可能是改了扩展名的压缩包）',
    );
  }
  return { format: 'xlsx', encoding: null, parts, skipped, async cleanup() {} };
}

async function readSheets(
  path: string,
  contract: SourceContract,
  searchRows: number,
  minMatches: number,
): Promise<{ parts: Part[]; skipped: string[] }> {
  const workbook = await openWorkbook(path);
  const parts: Part[] = [];
  const skipped: string[] = [];
  try {
    for (const sheet of workbook.sheets) {
      const part = await readSheet(sheet.name, sheet.rows(), contract, searchRows, minMatches);
      if (part) parts.push(part);
      else skipped.push(`工作表「${sheet.name}」的前 ${searchRows} 行中没有「${contract.title}」的表头，已跳过`);
    }
  } finally {
    workbook.close();
  }
  return { parts, skipped };
}

/** A sheet's part: its header row (searched in the first rows) and its non-blank rows below it. */
async function readSheet(
  name: string,
  batches: AsyncIterable<SheetRow[]>,
  contract: SourceContract,
  searchRows: number,
  minMatches: number,
): Promise<Part | null> {
  let headerRow: number | null = null;
  let headers: (string | null)[] = [];
  const records: JsRecord[] = [];
  let seen = 0;
  for await (const rows of batches) {
    for (const row of rows) {
      if (headerRow !== null) {
        if (!isBlank(row.cells)) records.push({ cells: row.cells });
        continue;
      }
      // A sheet without a header in its first rows is skipped: no need to scan the rest of it.
      if (++seen > searchRows) return null;
      if (mapHeaders(contract, row.cells).matched >= minMatches) {
        headerRow = row.number;
        headers = row.cells;
      }
    }
  }
  if (headerRow === null) return null;
  const h = headers;
  return {
    sheet: name,
    headerRow,
    headers: h,
    load: (db: Db, table: string) => appendRecords(db, table, h.length, records),
  };
}
