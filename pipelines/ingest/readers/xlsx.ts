import ExcelJS from 'exceljs';
import type { Db } from '../../../lib/db.js';
import type { SourceContract } from '../contracts/types.js';
import { mapHeaders } from '../headers.js';
import { ContentRefused } from '../refusal.js';
import { appendRecords, type JsRecord } from './tempTable.js';
import type { Part, ReadFile } from './types.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel stores a date as a local date-time; exceljs hands it over as that wall time in UTC. */
function dateCell(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || m || s ? `${date} ${pad(h)}:${pad(m)}:${pad(s)}` : date;
}

/** A cell's value as text: rich text joined, formulas by their result, hyperlinks by their text. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return dateCell(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

function rowCells(values: unknown): (string | null)[] {
  // exceljs row.values is 1-based and sparse.
  const arr = Array.isArray(values) ? values.slice(1) : [];
  const cells = Array.from(arr, (v) => cellText(v));
  while (cells.length && (cells[cells.length - 1] === null || cells[cells.length - 1]!.trim() === '')) cells.pop();
  return cells;
}

const isBlank = (cells: (string | null)[]) => cells.every((c) => c === null || c.trim() === '');

/**
 * Streams a workbook (full reads of 100k rows reach 1.5 GB, STACK.md). Every sheet whose header row —
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
    // exceljs's own words for a cut or damaged zip ("FILE_ENDED", "invalid signature") mean nothing to a clerk.
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const parts: Part[] = [];
  const skipped: string[] = [];
  for await (const ws of reader) {
    const name = (ws as unknown as { name?: string }).name ?? `sheet${parts.length + skipped.length + 1}`;
    let headerRow: number | null = null;
    let headers: (string | null)[] = [];
    const records: JsRecord[] = [];
    let seen = 0;
    for await (const row of ws) {
      const cells = rowCells(row.values);
      if (headerRow === null) {
        seen++;
        if (seen > searchRows) continue;
        if (mapHeaders(contract, cells).matched >= minMatches) {
          headerRow = row.number;
          headers = cells;
        }
        continue;
      }
      if (!isBlank(cells)) records.push({ cells });
    }
    if (headerRow === null) {
      skipped.push(`工作表「${name}」的前 ${searchRows} 行中没有「${contract.title}」的表头，已跳过`);
      continue;
    }
    const h = headers;
    parts.push({
      sheet: name,
      headerRow,
      headers: h,
      load: (db: Db, table: string) => appendRecords(db, table, h.length, records),
    });
  }
  return { parts, skipped };
}
