/**
 * A page's table as a file for people (issue 18 item 9): Chinese column titles, labels instead of codes
 * (the caller's job: it knows its labels), dates as Excel dates, local (Asia/Shanghai) times, column widths,
 * a frozen header and an auto-filter. The interfaces.md datasets are encoded by formats.ts instead and keep
 * their names and codes; this is only for what a page offers for download.
 */
import ExcelJS from 'exceljs';
import { toCsv } from './formats.js';

/**
 * How a column's values are written. `date`: 'YYYY-MM-DD' (an Excel date); `datetime`: an ISO instant shown
 * as Shanghai wall-clock time; `percent`: a fraction shown as 95.3%; `permyriad`: a fraction shown as 12.3‱;
 * `decimal`: a number with `decimals` places.
 */
export type PeopleKind = 'text' | 'integer' | 'decimal' | 'date' | 'datetime' | 'percent' | 'permyriad';

export interface PeopleColumn {
  title: string;
  kind?: PeopleKind;
  /** Places after the point for decimal, percent and permyriad columns (default 1; decimal 2). */
  decimals?: number;
}

export type PeopleValue = string | number | boolean | null;

export interface PeopleSheet {
  /** The sheet's name (Excel allows 31 characters, none of []:*?/\); made unique by peopleXlsx. */
  name: string;
  columns: readonly PeopleColumn[];
  rows: ReadonlyArray<readonly PeopleValue[]>;
}

/** What a file says about where its numbers come from, printed in the sheet's footer. */
export interface PeopleStamp {
  as_of: string;
  build_id: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Shanghai wall-clock parts of an instant (the office's time, whatever the server's zone). */
function shanghaiParts(iso: string): number[] | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const text = d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  return m ? m.slice(1).map(Number) : null;
}

export function shanghaiText(iso: string): string {
  const p = shanghaiParts(iso);
  if (!p) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p[0]}-${two(p[1]!)}-${two(p[2]!)} ${two(p[3]!)}:${two(p[4]!)}`;
}

const places = (c: PeopleColumn) => c.decimals ?? (c.kind === 'decimal' ? 2 : 1);

/** A value as CSV text: what Excel shows, so the CSV and the XLSX read the same. */
function csvText(c: PeopleColumn, v: PeopleValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (c.kind === 'percent') return `${(v * 100).toFixed(places(c))}%`;
    if (c.kind === 'permyriad') return `${(v * 10000).toFixed(places(c))}‱`;
    if (c.kind === 'decimal') return v.toFixed(places(c));
    return String(v);
  }
  if (c.kind === 'datetime') return shanghaiText(v);
  return v;
}

/** Through the one CSV encoder (formats.ts: BOM, CRLF, quoting, formulas neutralised), under the Chinese titles. */
export function peopleCsv(sheet: PeopleSheet): Buffer {
  const titles = sheet.columns.map((c) => c.title);
  const rows = sheet.rows.map((r) =>
    Object.fromEntries(sheet.columns.map((c, i) => [c.title, csvText(c, r[i] ?? null)])),
  );
  return toCsv(titles, rows);
}

/** Excel dates carry no zone: a day or a Shanghai time is written as that wall-clock time in UTC. */
function excelValue(c: PeopleColumn, v: PeopleValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return c.kind === 'permyriad' ? v * 10000 : v;
  if (c.kind === 'date') {
    const m = DAY.exec(v);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  if (c.kind === 'datetime') {
    const p = shanghaiParts(v);
    if (p) return new Date(Date.UTC(p[0]!, p[1]! - 1, p[2]!, p[3]!, p[4]!, p[5]!));
  }
  // Text stays text in a cell (never a formula); a leading quote would show in XLSX, so none is added.
  return v;
}

function numberFormat(c: PeopleColumn): string | undefined {
  const zeros = (n: number) => (n > 0 ? `.${'0'.repeat(n)}` : '');
  switch (c.kind) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    case 'percent':
      return `0${zeros(places(c))}%`;
    case 'permyriad':
      return `0${zeros(places(c))}"‱"`;
    case 'decimal':
      return `0${zeros(places(c))}`;
    case 'integer':
      return '#,##0';
    default:
      return undefined;
  }
}

/** Display width of text in Excel's character units: a CJK character is about two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

const FIXED_WIDTH: Partial<Record<PeopleKind, number>> = { date: 12, datetime: 18 };

function columnWidth(sheet: PeopleSheet, i: number): number {
  const c = sheet.columns[i]!;
  let w = Math.max(width(c.title) + 4, FIXED_WIDTH[c.kind ?? 'text'] ?? 0);
  // The first thousand rows are enough to size a column; a long cell wraps rather than widening it past 60.
  for (const r of sheet.rows.slice(0, 1000)) w = Math.max(w, width(csvText(c, r[i] ?? null)) + 2);
  return Math.min(60, Math.max(8, w));
}

/** Names that Excel takes as they are, in order (what peopleXlsx names the sheets, so a list of them can agree). */
export function sheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((n) => sheetName(n, taken));
}

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let out = clean;
  for (let n = 2; taken.has(out.toLowerCase()); n++) out = `${clean.slice(0, 31 - String(n).length - 1)}_${n}`;
  taken.add(out.toLowerCase());
  return out;
}

export async function peopleXlsx(sheets: readonly PeopleSheet[], stamp: PeopleStamp | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed metadata: two exports of the same build are identical apart from the zip container.
  wb.creator = 'Credit Sentinel';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheetName(sheet.name, taken), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    });
    ws.columns = sheet.columns.map((c, i) => ({
      header: c.title,
      width: columnWidth(sheet, i),
      style: { numFmt: numberFormat(c) },
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of sheet.rows) ws.addRow(sheet.columns.map((c, i) => excelValue(c, r[i] ?? null)));
    if (sheet.columns.length)
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
    if (stamp) ws.headerFooter.oddFooter = `&L数据截至 ${stamp.as_of}（构建 ${stamp.build_id}）&R第 &P 页 / 共 &N 页`;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type PeopleFormat = 'csv' | 'xlsx';

/** CSV holds one table: the first sheet (pages whose export has several offer XLSX only). */
export async function encodePeople(
  format: PeopleFormat,
  sheets: readonly PeopleSheet[],
  stamp: PeopleStamp | null,
): Promise<Buffer> {
  if (format === 'csv') return peopleCsv(sheets[0] ?? { name: '', columns: [], rows: [] });
  return peopleXlsx(sheets, stamp);
}

export const peopleRows = (sheets: readonly PeopleSheet[]): number => sheets.reduce((n, s) => n + s.rows.length, 0);
