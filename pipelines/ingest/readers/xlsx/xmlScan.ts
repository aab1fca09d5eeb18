/**
 * A small streaming scanner for the XML parts of a workbook (sheets, shared strings, styles, rels).
 * A general XML parser decodes the whole part to a string, builds an event object per tag and decodes
 * every text node; a sheet of 100,000 rows has millions of tags. This scans the inflated bytes
 * themselves (a loop over a byte array is several times faster than one over a string, and most of a
 * sheet is never decoded at all: tags, cell references, shared-string numbers), hands the caller each
 * tag's local name and where its attributes are, and text only while the caller asks for it
 * (`wantText`). Text arrives as raw bytes, possibly in pieces: the caller joins and decodes once
 * (`xmlBytesText`).
 */
import { isUtf8 } from 'node:buffer';

/** A tag's attributes: bytes `start`…`end` of `buf`. Valid only during the `open` call. */
export interface Attrs {
  buf: Buffer;
  start: number;
  end: number;
}

export interface XmlHandler {
  /** True while the handler collects the text between tags (e.g. inside `<v>`). */
  readonly wantText: boolean;
  open(name: string, attrs: Attrs, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw bytes of text (entities undecoded); `buf` is not reused, so a subarray may be kept. */
  text(buf: Buffer, start: number, end: number): void;
  /** True when the handler wants to read what follows the tag just opened itself (`readAhead`). */
  readonly wantsAhead?: boolean;
  /**
   * Reads the bytes from `at` (just after the tag `open` was called for) up to `end` when they have the
   * shape the handler expects, and returns where the scan goes on; `at` itself when they do not (nothing
   * read, the scan goes on as usual).
   */
  readAhead?(buf: Buffer, at: number, end: number): number;
}

export class XmlDamaged extends Error {}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

export class XmlScanner {
  private carry: Buffer | null = null;
  private readonly attrs: Attrs = { buf: Buffer.alloc(0), start: 0, end: 0 };

  constructor(private readonly h: XmlHandler) {}

  /** Scans a chunk; an incomplete tag at its end waits for the next chunk. */
  push(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    const h = this.h;
    const len = buf.length;
    let pos = 0;
    for (;;) {
      let lt = pos;
      while (lt < len && buf[lt] !== LT) lt++;
      if (lt > pos && h.wantText) h.text(buf, pos, lt);
      if (lt >= len) return;
      const next = buf[lt + 1];
      if (next === 0x21 /* ! */) {
        const end = this.special(buf, lt);
        if (end < 0) {
          this.carry = buf.subarray(lt);
          return;
        }
        pos = end;
        continue;
      }
      let gt = lt + 1;
      while (gt < len && buf[gt] !== GT) gt++;
      if (gt >= len) {
        this.carry = buf.subarray(lt);
        return;
      }
      pos = gt + 1;
      if (next === 0x3f /* ? */) continue;
      if (next === SLASH) {
        let nameEnd = lt + 2;
        while (nameEnd < gt && !isSpace(buf[nameEnd]!)) nameEnd++;
        h.close(tagName(buf, lt + 2, nameEnd));
        continue;
      }
      const selfClosing = buf[gt - 1] === SLASH;
      const tagEnd = selfClosing ? gt - 1 : gt;
      let nameEnd = lt + 1;
      while (nameEnd < tagEnd && !isSpace(buf[nameEnd]!)) nameEnd++;
      const a = this.attrs;
      a.buf = buf;
      a.start = nameEnd;
      a.end = tagEnd;
      h.open(tagName(buf, lt + 1, nameEnd), a, selfClosing);
      if (h.wantsAhead) pos = h.readAhead!(buf, pos, len);
    }
  }

  /** The part ended: anything left over means the XML was cut off. */
  end(): void {
    if (this.carry && this.carry.toString('latin1').trim()) throw new XmlDamaged('XML part ends inside a tag');
  }

  /** CDATA, comments and declarations; returns the position after them, or -1 when incomplete. */
  private special(buf: Buffer, lt: number): number {
    if (buf.length - lt < 9) return -1;
    if (startsWith(buf, lt, '<![CDATA[')) {
      const end = buf.indexOf(']]>', lt + 9, 'latin1');
      if (end < 0) return -1;
      // CDATA is literal text: hand it over escaped, so the caller's single decoding restores it.
      if (this.h.wantText) {
        const escaped = Buffer.from(escapeXmlText(buf.toString('utf8', lt + 9, end)), 'utf8');
        this.h.text(escaped, 0, escaped.length);
      }
      return end + 3;
    }
    if (startsWith(buf, lt, '<!--')) {
      const end = buf.indexOf('-->', lt + 4, 'latin1');
      return end < 0 ? -1 : end + 3;
    }
    // <!DOCTYPE …>: never expanded (no entity of a document type is ever defined for a workbook).
    const end = buf.indexOf(GT, lt);
    return end < 0 ? -1 : end + 1;
  }
}

export const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function startsWith(buf: Buffer, at: number, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (buf[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/**
 * The tag's local name: `x:row` and `row` are the same element (some writers, the .NET SDK, prefix the
 * main namespace). The names of a sheet's millions of tags come back as constants, not as new strings.
 */
function tagName(buf: Buffer, start: number, end: number): string {
  const len = end - start;
  if (len === 1) {
    const c = buf[start];
    if (c === 0x63) return 'c';
    if (c === 0x76) return 'v';
    if (c === 0x74) return 't';
    if (c === 0x66) return 'f';
    if (c === 0x72) return 'r';
  } else if (len === 2) {
    if (buf[start] === 0x73 && buf[start + 1] === 0x69) return 'si';
    if (buf[start] === 0x69 && buf[start + 1] === 0x73) return 'is';
  } else if (len === 3 && buf[start] === 0x72 && buf[start + 1] === 0x6f && buf[start + 2] === 0x77) return 'row';
  const name = buf.toString('utf8', start, end);
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Where the value of one attribute starts (after its opening quote), or -1 when the tag has none. */
export function attrValueStart(a: Attrs, name: string): number {
  const { buf, end } = a;
  const n = name.length;
  let i = a.start;
  while (i < end) {
    while (i < end && isSpace(buf[i]!)) i++;
    const nameStart = i;
    while (i < end && buf[i] !== 0x3d /* = */ && !isSpace(buf[i]!)) i++;
    const nameEnd = i;
    while (i < end && buf[i] !== 0x22 && buf[i] !== 0x27) i++;
    if (i >= end) return -1;
    const quote = buf[i++];
    if (nameEnd - nameStart === n && startsWith(buf, nameStart, name)) return i;
    while (i < end && buf[i] !== quote) i++;
    i++;
  }
  return -1;
}

/** Every attribute of a tag, decoded (for the small parts: workbook, rels, styles). */
export function attrMap(a: Attrs): Map<string, string> {
  const attrs = utf8Text(a.buf, a.start, a.end);
  const out = new Map<string, string>();
  for (const m of attrs.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1]!, decodeXmlText(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** Bytes → text; bytes that are not UTF-8 mean a damaged part, never text with U+FFFD in it. */
export function utf8Text(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) {
      if (!isUtf8(buf.subarray(start, end))) throw new XmlDamaged('a workbook part is not UTF-8');
      break;
    }
  }
  return buf.toString('utf8', start, end);
}

/** Raw text bytes → their characters, entities decoded. */
export function xmlBytesText(buf: Buffer, start: number, end: number): string {
  return decodeXmlText(utf8Text(buf, start, end));
}

/**
 * The text of an element as one byte range: almost always one piece of one chunk (kept as positions),
 * joined into a buffer of its own only when it spans chunks or `<t>` runs.
 */
export class TextBytes {
  buf: Buffer | null = null;
  start = 0;
  end = 0;

  reset(): void {
    this.buf = null;
  }

  /** Starts an (empty) value. */
  begin(): void {
    this.buf = EMPTY;
    this.start = 0;
    this.end = 0;
  }

  add(buf: Buffer, start: number, end: number): void {
    if (this.end === this.start) {
      this.buf = buf;
      this.start = start;
      this.end = end;
      return;
    }
    this.buf = Buffer.concat([this.buf!.subarray(this.start, this.end), buf.subarray(start, end)]);
    this.start = 0;
    this.end = this.buf.length;
  }
}

const EMPTY = Buffer.alloc(0);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Raw XML text → its characters: line ends normalised as XML prescribes (a CR written as `&#13;`
 * survives), the five named entities and numeric references decoded. An unknown reference stays as written.
 */
export function decodeXmlText(raw: string): string {
  let s = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') < 0) return s;
  s = s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
  return s;
}

function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#13;');
}
