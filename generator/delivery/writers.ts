import { closeSync, openSync, writeSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { pinZipTimestamps } from './zip.js';

/** A cell as a department's system writes it: text, a number, an XLSX date cell, or empty. */
export type Cell = string | number | Date | null;

export type FileFormat =
  | { kind: 'csv'; encoding: 'utf8' | 'utf8-bom' | 'gb18030' }
  | { kind: 'json' }
  | { kind: 'jsonl' }
  | { kind: 'xlsx'; titleRow: string | null; sheetRows: number };

export interface DeliveryWriter {
  /** Appends a row; returns its 1-based position among the file's data records. */
  add(row: readonly Cell[]): number;
  close(): Promise<void>;
}

// Every file of a feed is open at once while it streams, so each keeps a small buffer.
const FLUSH_BYTES = 1 << 18;

/**
 * Streams rows to disk through one fixed byte buffer per file. Rows are encoded as they come, so
 * no row string outlives its call: held strings survived into Node's old space and made a city
 * run's RSS mostly dead rows.
 */
class TextWriter implements DeliveryWriter {
  private fd: number;
  private readonly buf = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;
  private count = 0;
  private readonly gb: boolean;

  constructor(
    private readonly path: string,
    private readonly headers: readonly string[],
    private readonly format: Exclude<FileFormat, { kind: 'xlsx' }>,
  ) {
    this.fd = openSync(path, 'w');
    this.gb = format.kind === 'csv' && format.encoding === 'gb18030';
    if (format.kind === 'csv') {
      if (format.encoding === 'utf8-bom') writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
      this.push(headers.map(csvCell).join(',') + '\r\n');
    } else if (format.kind === 'json') this.push('[');
  }

  add(row: readonly Cell[]): number {
    this.count++;
    if (this.format.kind === 'csv') this.push(row.map((c) => csvCell(text(c))).join(',') + '\r\n');
    else {
      const obj: Record<string, string | number | null> = {};
      this.headers.forEach((h, i) => {
        const c = row[i] ?? null;
        obj[h] = c instanceof Date ? text(c) : c;
      });
      const line = JSON.stringify(obj);
      this.push(this.format.kind === 'json' ? `${this.count > 1 ? ',' : ''}\n${line}` : `${line}\n`);
    }
    return this.count;
  }

  private push(s: string): void {
    if (this.gb) return this.pushBytes(iconv.encode(s, 'gb18030'));
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    if (s.length * 3 > FLUSH_BYTES - this.used) {
      this.flush();
      if (s.length * 3 > FLUSH_BYTES) return void writeSync(this.fd, Buffer.from(s, 'utf8'));
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  private pushBytes(b: Buffer): void {
    if (b.length > FLUSH_BYTES - this.used) {
      this.flush();
      if (b.length > FLUSH_BYTES) return void writeSync(this.fd, b);
    }
    this.used += b.copy(this.buf, this.used);
  }

  private flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }

  async close(): Promise<void> {
    if (this.format.kind === 'json') this.push('\n]\n');
    this.flush();
    closeSync(this.fd);
    void this.path;
  }
}

/**
 * XLSX through exceljs's streaming writer. Rows are kept until close because a sheet is written in
 * one go; generator XLSX files are capped in size by the delivery plan. Document metadata is
 * pinned and the zip timestamps are rewritten afterwards so two runs give identical bytes.
 */
class XlsxWriter implements DeliveryWriter {
  private rows: (readonly Cell[])[] = [];

  constructor(
    private readonly path: string,
    private readonly headers: readonly string[],
    private readonly format: Extract<FileFormat, { kind: 'xlsx' }>,
    private readonly pinned: Date,
  ) {}

  add(row: readonly Cell[]): number {
    this.rows.push(row);
    return this.rows.length;
  }

  async close(): Promise<void> {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: this.path,
      useStyles: false,
      useSharedStrings: false,
    });
    wb.creator = 'sentinel generate';
    wb.lastModifiedBy = 'sentinel generate';
    wb.created = this.pinned;
    wb.modified = this.pinned;
    const per = Math.max(1, this.format.sheetRows);
    const sheets = Math.max(1, Math.ceil(this.rows.length / per));
    for (let s = 0; s < sheets; s++) {
      const ws = wb.addWorksheet(`Sheet${s + 1}`);
      if (this.format.titleRow) ws.addRow([this.format.titleRow]).commit();
      ws.addRow([...this.headers]).commit();
      for (const r of this.rows.slice(s * per, (s + 1) * per))
        ws.addRow(r.map((c) => (c === null ? undefined : c))).commit();
      ws.commit();
    }
    await wb.commit();
    writeFileSync(this.path, pinZipTimestamps(readFileSync(this.path), this.pinned));
  }
}

export function openWriter(path: string, headers: readonly string[], format: FileFormat, pinned: Date): DeliveryWriter {
  return format.kind === 'xlsx' ? new XlsxWriter(path, headers, format, pinned) : new TextWriter(path, headers, format);
}

/** Delivery order depends on modification times (sources.md), so they are set explicitly. */
export function setMtime(path: string, when: Date): void {
  utimesSync(path, when, when);
}

function text(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
