/**
 * The shared-strings part: every `<si>` as its text, rich-text runs joined, phonetic guides (`<rPh>`,
 * the reading printed above East Asian text) left out: they are not part of the cell's value.
 */
import { decodeOoxmlEscapes } from './cellText.js';
import { TextBytes, xmlBytesText, XmlScanner, type Attrs, type XmlHandler } from './xmlScan.js';
import type { WorkbookZip } from './zip.js';

/** `<t>` at `at`. */
const tOpenAt = (b: Buffer, at: number, end: number) =>
  at + 3 <= end && b[at] === 0x3c && b[at + 1] === 0x74 && b[at + 2] === 0x3e;

/** `</t></si>` at `at`. */
const tSiCloseAt = (b: Buffer, at: number, end: number) =>
  at + 9 <= end &&
  b[at] === 0x3c &&
  b[at + 1] === 0x2f &&
  b[at + 2] === 0x74 &&
  b[at + 3] === 0x3e &&
  b[at + 4] === 0x3c &&
  b[at + 5] === 0x2f &&
  b[at + 6] === 0x73 &&
  b[at + 7] === 0x69 &&
  b[at + 8] === 0x3e;

class SharedStringsHandler implements XmlHandler {
  readonly strings: (string | null)[] = [];
  wantText = false;
  wantsAhead = false;
  private readonly value = new TextBytes();
  private inPhonetic = false;

  open(name: string, _attrs: Attrs, selfClosing: boolean): void {
    if (name === 'si') {
      this.value.begin();
      if (selfClosing) this.strings.push(null);
      this.wantsAhead = !selfClosing;
    } else if (name === 'rPh') this.inPhonetic = !selfClosing;
    else if (name === 't' && !this.inPhonetic && !selfClosing) this.wantText = true;
  }

  close(name: string): void {
    if (name === 't') this.wantText = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'si') {
      const v = this.value;
      this.push(v.buf!, v.start, v.end);
    }
  }

  /** Right after `<si>`: most items are `<t>text</t></si>`, read in one go (as a sheet's plain cells are). */
  readAhead(buf: Buffer, at: number, end: number): number {
    this.wantsAhead = false;
    if (!tOpenAt(buf, at, end)) return at;
    let lt = at + 3;
    while (lt < end && buf[lt] !== 0x3c /* < */) lt++;
    if (!tSiCloseAt(buf, lt, end)) return at;
    this.push(buf, at + 3, lt);
    return lt + 9;
  }

  /** An empty string item reads as an empty cell, as it shows in Excel. */
  private push(buf: Buffer, start: number, end: number): void {
    const text = xmlBytesText(buf, start, end);
    this.strings.push(text === '' ? null : decodeOoxmlEscapes(text));
  }

  text(buf: Buffer, start: number, end: number): void {
    this.value.add(buf, start, end);
  }
}

export async function readSharedStrings(zip: WorkbookZip, part: string | null): Promise<(string | null)[]> {
  if (!part || !zip.has(part)) return [];
  const handler = new SharedStringsHandler();
  const scanner = new XmlScanner(handler);
  for await (const piece of zip.bytes(part)) scanner.push(piece);
  scanner.end();
  return handler.strings;
}
