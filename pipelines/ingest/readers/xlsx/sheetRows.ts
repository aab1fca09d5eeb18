/**
 * The rows of one worksheet part, streamed: each `<row>` as its 1-based number and its cells by column
 * (gaps as null, trailing empty cells dropped). Cells and rows without an `r=` reference take the next
 * column or row, as Excel reads them.
 */
import { cellText, type CellContext } from './cellText.js';
import { attrValueStart, isSpace, TextBytes, XmlScanner, type Attrs, type XmlHandler } from './xmlScan.js';
import type { WorkbookZip } from './zip.js';

export interface SheetRow {
  number: number;
  cells: (string | null)[];
}

/** Excel's last column (XFD): a reference past it is a damaged sheet, not a row 10⁹ cells wide. */
const MAX_COLUMNS = 16_384;

export class SheetDamaged extends Error {}

/** The cell reference starting at `at` (`AB12`) → its 0-based column (27). */
function columnAt(buf: Buffer, at: number): number {
  let col = 0;
  for (let i = at; i < buf.length; i++) {
    const c = buf[i]! | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
    if (col > MAX_COLUMNS) break;
  }
  if (col === 0 || col > MAX_COLUMNS)
    throw new SheetDamaged(`bad cell reference at ${buf.toString('latin1', at, at + 12)}`);
  return col - 1;
}

/** The unsigned integer starting at `at`, or -1 when there is none. */
function intAt(buf: Buffer, at: number): number {
  let n = -1;
  for (let i = at; i < buf.length; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return n;
    n = (n < 0 ? 0 : n * 10) + d;
  }
  return n;
}

/** A cell's `t`: the common ones as constants, without slicing the buffer. */
function typeAt(buf: Buffer, at: number): string | null {
  const close = buf[at + 1];
  if (close === 0x22 || close === 0x27) {
    const c = buf[at];
    if (c === 0x73) return 's';
    if (c === 0x6e) return 'n';
    if (c === 0x62) return 'b';
    if (c === 0x65) return 'e';
    if (c === 0x64) return 'd';
  }
  const end = buf.indexOf(buf[at - 1]!, at);
  return end < 0 ? null : buf.toString('latin1', at, end);
}

/** `<v>` at `at` (byte by byte: a loop over a constant cost a fifth of the sheet's time). */
const vOpenAt = (b: Buffer, at: number, end: number) =>
  at + 3 <= end && b[at] === 0x3c && b[at + 1] === 0x76 && b[at + 2] === 0x3e;

/** `</v></c>` at `at`. */
const vcCloseAt = (b: Buffer, at: number, end: number) =>
  at + 8 <= end &&
  b[at] === 0x3c &&
  b[at + 1] === 0x2f &&
  b[at + 2] === 0x76 &&
  b[at + 3] === 0x3e &&
  b[at + 4] === 0x3c &&
  b[at + 5] === 0x2f &&
  b[at + 6] === 0x63 &&
  b[at + 7] === 0x3e;

class SheetHandler implements XmlHandler {
  wantText = false;
  wantsAhead = false;
  done: SheetRow[] = [];
  private cells: (string | null)[] | null = null;
  private rowNumber = 0;
  private col = -1;
  private type: string | null = null;
  private style = 0;
  private readonly value = new TextBytes();
  private inCell = false;
  private inInline = false;
  private inPhonetic = false;

  constructor(private readonly ctx: CellContext) {}

  open(name: string, attrs: Attrs, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        const r = attrValueStart(attrs, 'r');
        const n = r < 0 ? -1 : intAt(attrs.buf, r);
        this.rowNumber = n < 0 ? this.rowNumber + 1 : n;
        this.cells = [];
        this.col = -1;
        if (selfClosing) this.endRow();
        return;
      }
      case 'c': {
        if (!this.cells) return;
        this.cellAttrs(attrs);
        this.value.reset();
        this.inCell = !selfClosing;
        this.wantsAhead = !selfClosing;
        return;
      }
      case 'v':
        if (!this.inCell) return;
        this.value.begin();
        this.wantText = !selfClosing;
        return;
      case 'is':
        if (!this.inCell) return;
        this.value.begin();
        this.inInline = !selfClosing;
        return;
      case 'rPh':
        this.inPhonetic = !selfClosing;
        return;
      case 't':
        if (this.inInline && !this.inPhonetic && !selfClosing) this.wantText = true;
        return;
      default:
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.wantText = false;
        return;
      case 'rPh':
        this.inPhonetic = false;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'c':
        if (!this.inCell) return;
        this.inCell = false;
        this.cells![this.col] = cellText(
          this.ctx,
          this.type,
          this.style,
          this.value.buf,
          this.value.start,
          this.value.end,
        );
        return;
      case 'row':
        if (this.cells) this.endRow();
        return;
      default:
    }
  }

  text(buf: Buffer, start: number, end: number): void {
    this.value.add(buf, start, end);
  }

  /**
   * Right after `<c …>`: almost every cell is `<v>value</v></c>`, read here in one go instead of as three
   * more tags and a text (the scanner's dispatch per tag was most of the sheet's time). Any other shape
   * (a formula, an inline string, spaces between the tags, a value cut by the end of the chunk) is left
   * to the scanner.
   */
  readAhead(buf: Buffer, at: number, end: number): number {
    this.wantsAhead = false;
    if (!vOpenAt(buf, at, end)) return at;
    let lt = at + 3;
    while (lt < end && buf[lt] !== 0x3c /* < */) lt++;
    if (!vcCloseAt(buf, lt, end)) return at;
    this.inCell = false;
    this.cells![this.col] = cellText(this.ctx, this.type, this.style, buf, at + 3, lt);
    return lt + 8;
  }

  /**
   * A cell's `r`, `s` and `t` in one pass over its attributes (looking each up separately was a third
   * of the sheet's time).
   */
  private cellAttrs(a: Attrs): void {
    const { buf, end } = a;
    let ref = -1;
    let style = -1;
    let type = -1;
    let i = a.start;
    while (i < end) {
      while (i < end && isSpace(buf[i]!)) i++;
      const nameStart = i;
      while (i < end && buf[i] !== 0x3d /* = */) i++;
      const oneLetter = i - nameStart === 1 ? buf[nameStart] : 0;
      while (i < end && buf[i] !== 0x22 && buf[i] !== 0x27) i++;
      const quote = buf[i++];
      if (oneLetter === 0x72 /* r */) ref = i;
      else if (oneLetter === 0x73 /* s */) style = i;
      else if (oneLetter === 0x74 /* t */) type = i;
      while (i < end && buf[i] !== quote) i++;
      i++;
    }
    this.col = ref < 0 ? this.col + 1 : columnAt(buf, ref);
    if (this.col >= MAX_COLUMNS) throw new SheetDamaged('more columns than Excel has');
    this.type = type < 0 ? null : typeAt(buf, type);
    this.style = style < 0 ? 0 : Math.max(intAt(buf, style), 0);
  }

  takeRows(): SheetRow[] {
    const rows = this.done;
    this.done = [];
    return rows;
  }

  private endRow(): void {
    const cells = this.cells!;
    this.cells = null;
    // Columns without a cell are holes in the array: make them null, then drop the empty tail.
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    let end = cells.length;
    while (end > 0 && (cells[end - 1] === null || cells[end - 1]!.trim() === '')) end--;
    cells.length = end;
    this.done.push({ number: this.rowNumber, cells });
  }
}

/**
 * Streams a sheet's rows in the batches each inflated piece of the part holds (a batch per row cost
 * more in promise round trips than the scanning itself).
 */
export async function* sheetRows(zip: WorkbookZip, part: string, ctx: CellContext): AsyncIterable<SheetRow[]> {
  const handler = new SheetHandler(ctx);
  const scanner = new XmlScanner(handler);
  for await (const piece of zip.bytes(part)) {
    scanner.push(piece);
    if (handler.done.length) yield handler.takeRows();
  }
  scanner.end();
  if (handler.done.length) yield handler.takeRows();
}
