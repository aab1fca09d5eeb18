import ExcelJS from 'exceljs';

export type ExportFormat = 'csv' | 'json' | 'xlsx';
export type Cell =
  string | number | boolean | null | readonly string[] | Record<string, unknown> | readonly Record<string, unknown>[];
export type ExportRow = Record<string, Cell>;

/**
 * A cell as CSV/XLSX text: lists joined by '|', objects as JSON, null as empty (interfaces.md). A list of
 * objects (credit-grades' factors) is JSON too: joined by '|' it would read [object Object].
 */
function flat(v: Cell): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.some((x) => typeof x === 'object' && x !== null) ? JSON.stringify(v) : v.join('|');
  if (typeof v === 'object') return JSON.stringify(v);
  return v as string | number | boolean;
}

/** A decimal number as text (-3, -1.5, +2, 1e-5): a spreadsheet reads it as the number it is, not a formula. */
// A number, or a percentage of one (a people's export writes -5.0% and 3.2‱): never a formula.
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[%‱]?$/;

/**
 * A delivered cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets a
 * leading single quote, OWASP's rule against CSV injection: a department's `=HYPERLINK(…)` in a company
 * name must reach the clerk's Excel as text. Numbers are never touched.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = typeof v === 'string' ? neutraliseFormula(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** UTF-8 with a BOM so Excel opens it; CRLF line ends as Excel writes them. */
export function toCsv(columns: readonly string[], rows: readonly ExportRow[]): Buffer {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(flat(r[c] ?? null))).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export function toJson(columns: readonly string[], rows: readonly ExportRow[]): Buffer {
  const ordered = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
  return Buffer.from(`${JSON.stringify(ordered, null, 1)}\n`, 'utf8');
}

export async function toXlsx(sheet: string, columns: readonly string[], rows: readonly ExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed metadata: two exports of the same build are identical apart from the zip container.
  wb.creator = 'Credit Sentinel';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.addRow([...columns]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => flat(r[c] ?? null)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function encode(
  format: ExportFormat,
  name: string,
  columns: readonly string[],
  rows: readonly ExportRow[],
): Promise<Buffer> {
  if (format === 'csv') return toCsv(columns, rows);
  if (format === 'json') return toJson(columns, rows);
  return toXlsx(name, columns, rows);
}
