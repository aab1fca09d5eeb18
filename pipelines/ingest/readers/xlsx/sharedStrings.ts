/**
 * The shared-strings part: every `<si>` as its text, rich-text runs joined, phonetic guides (`<rPh>`,
 * the reading printed above East Asian text) left out: they are not part of the cell's value.
 */
import { decodeOoxmlEscapes } from './cellText.js';
import { TextBytes, xmlBytesText, XmlScanner, type Attrs, type XmlHandler } from './xmlScan.js';
import type { WorkbookZip } from './zip.js';

class SharedStringsHandler implements XmlHandler {
  readonly strings: (string | null)[] = [];
  wantText = false;
  private readonly value = new TextBytes();
  private inPhonetic = false;

  open(name: string, _attrs: Attrs, selfClosing: boolean): void {
    if (name === 'si') {
      this.value.begin();
      if (selfClosing) this.strings.push(null);
    } else if (name === 'rPh') this.inPhonetic = !selfClosing;
    else if (name === 't' && !this.inPhonetic && !selfClosing) this.wantText = true;
  }

  close(name: string): void {
    if (name === 't') this.wantText = false;
    else if (name === 'rPh') this.inPhonetic = false;
    // An empty string item reads as an empty cell, as it shows in Excel.
    else if (name === 'si') {
      const v = this.value;
      const text = xmlBytesText(v.buf!, v.start, v.end);
      this.strings.push(text === '' ? null : decodeOoxmlEscapes(text));
    }
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
