/**
 * A cell's value as the text the landing keeps, the way Excel shows it: numbers as JavaScript prints
 * them, date-formatted numbers as the wall-clock date (and time, when there is one), booleans as
 * `true`/`false`, errors as their code (`#N/A`).
 */
import { xmlBytesText } from './xmlScan.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel's serial day number (1 = 1900-01-01, or 1904-01-02 in the 1904 system) as a wall-clock text. */
export function serialDateText(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || m || s ? `${date} ${pad(h)}:${pad(m)}:${pad(s)}` : date;
}

/**
 * OOXML writes characters XML cannot carry (control characters; a CR beside an LF) as `_xHHHH_`, and a
 * literal `_x` as `_x005F_x`: decoding (after the XML entities) gives back what the cell holds.
 */
export function decodeOoxmlEscapes(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export interface CellContext {
  sharedStrings: readonly (string | null)[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  /** Texts of the date serials seen so far: a sheet repeats the same few thousand days. */
  dates: Map<number, string>;
}

/** The unsigned decimal integer in bytes `start`…`end`, or -1 when they hold anything else. */
function integerAt(b: Buffer, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The text of one `<c>`: `type` is its `t` attribute, `style` its `s`, bytes `start`…`end` of `buf` the
 * raw text of its `<v>` (or of the `<t>` runs of an inline string); `buf` is null when it has none.
 * (Positions, not a Buffer per cell: a subarray per cell cost more than the scan.)
 */
export function cellText(
  ctx: CellContext,
  type: string | null,
  style: number,
  buf: Buffer | null,
  start: number,
  end: number,
): string | null {
  if (buf === null) return null;
  switch (type) {
    case 's': {
      const i = integerAt(buf, start, end);
      return i < 0 ? null : (ctx.sharedStrings[i] ?? null);
    }
    case 'inlineStr':
    case 'str':
      return decodeOoxmlEscapes(xmlBytesText(buf, start, end));
    case 'b':
      return parseInt(buf.toString('latin1', start, end), 10) !== 0 ? 'true' : 'false';
    case 'e':
      return xmlBytesText(buf, start, end);
    case 'd':
      return isoDateText(xmlBytesText(buf, start, end).trim());
    default:
      return numberText(ctx, style, buf, start, end);
  }
}

/** A number as JavaScript prints it (`0.30` → `0.3`), or as a date when its style shows a date. */
function numberText(ctx: CellContext, style: number, buf: Buffer, start: number, end: number): string | null {
  const int = integerAt(buf, start, end);
  const isDate = ctx.dateStyles[style] === true;
  if (int >= 0 && isDate) {
    let text = ctx.dates.get(int);
    if (text === undefined) ctx.dates.set(int, (text = serialDateText(int, ctx.date1904)));
    return text;
  }
  if (int >= 0) return String(int);
  const text = xmlBytesText(buf, start, end).trim();
  if (text === '') return null;
  const n = parseFloat(text);
  if (!Number.isFinite(n)) return text;
  return isDate ? serialDateText(n, ctx.date1904) : String(n);
}

/** A `t="d"` cell (ISO 8601, strict OOXML) in the same form as a date serial's text. */
function isoDateText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  return m[2] && m[2] !== '00:00:00' ? `${m[1]} ${m[2]}` : m[1]!;
}
