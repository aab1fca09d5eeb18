/**
 * The text of a PDF as chromium (Skia) writes it, read back the way a PDF reader would: pages in the
 * order of the page tree, each page's content streams inflated, every string shown with Tj or TJ decoded
 * through its font's ToUnicode map. One string per text object (BT … ET), so a table cell or a line
 * comes back whole. Enough for the reports' tests; not a general PDF parser (no object streams, no
 * encrypted files, which chromium does not write).
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = /stream\r?\n/.exec(body);
    if (!s) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, s.index);
    const raw = Buffer.from(body.slice(s.index + s[0].length, body.lastIndexOf('endstream')), 'latin1');
    objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return objects;
}

const ref = (s: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(s);
  return m ? Number(m[1]) : null;
};

/** The content of `<< … >>` that follows `/key`, balanced. */
function innerDict(s: string, key: string): string | null {
  const at = s.indexOf(`/${key}`);
  if (at < 0) return null;
  const open = s.indexOf('<<', at);
  if (open < 0 || /\d+ 0 R/.test(s.slice(at, open).replace(`/${key}`, '').trim().slice(0, 12))) return null;
  let depth = 0;
  for (let i = open; i < s.length - 1; i++) {
    if (s.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (s.startsWith('>>', i)) {
      depth--;
      if (depth === 0) return s.slice(open + 2, i);
      i++;
    }
  }
  return null;
}

function pagesInOrder(objects: Map<number, PdfObject>, id: number): number[] {
  const o = objects.get(id);
  if (!o) return [];
  if (/\/Type\s*\/Page\b/.test(o.dict)) return [id];
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((k) => pagesInOrder(objects, Number(k[1])));
}

const utf16 = (hex: string): string => {
  const b = Buffer.from(hex, 'hex');
  let out = '';
  for (let i = 0; i + 1 < b.length; i += 2) out += String.fromCharCode(b.readUInt16BE(i));
  return out;
};

function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(m[1]!.toUpperCase(), utf16(m[2]!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const width = m[1]!.length;
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const targets = m[3]!.startsWith('[') ? [...m[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => t[1]!) : null;
      for (let c = lo; c <= hi; c++) {
        const key = c.toString(16).toUpperCase().padStart(width, '0');
        if (targets) map.set(key, utf16(targets[c - lo] ?? ''));
        else {
          const base = m[3]!.slice(1, -1);
          const start = parseInt(base.slice(-4), 16) + (c - lo);
          map.set(key, utf16(base.slice(0, -4) + start.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return map;
}

interface Font {
  map: Map<string, string>;
  bytes: number;
}

function fontsOf(objects: Map<number, PdfObject>, page: PdfObject): Map<string, Font> {
  const resourcesRef = ref(page.dict, 'Resources');
  const resources = resourcesRef === null ? page.dict : (objects.get(resourcesRef)?.dict ?? '');
  const fontRef = ref(resources, 'Font');
  const fontDict = fontRef === null ? (innerDict(resources, 'Font') ?? '') : (objects.get(fontRef)?.dict ?? '');
  const fonts = new Map<string, Font>();
  for (const m of fontDict.matchAll(/\/([A-Za-z0-9_.+-]+)\s+(\d+) 0 R/g)) {
    const font = objects.get(Number(m[2]));
    const cmapRef = font ? ref(font.dict, 'ToUnicode') : null;
    const cmap = cmapRef === null ? '' : (objects.get(cmapRef)?.stream?.toString('latin1') ?? '');
    const bytes = font && /\/Subtype\s*\/Type0/.test(font.dict) ? 2 : 1;
    fonts.set(m[1]!, { map: toUnicode(cmap), bytes });
  }
  return fonts;
}

function decode(hex: string, font: Font | undefined): string {
  if (!font) return '';
  const step = font.bytes * 2;
  let out = '';
  for (let i = 0; i + step <= hex.length; i += step) out += font.map.get(hex.slice(i, i + step).toUpperCase()) ?? '';
  return out;
}

const literalToHex = (s: string): string =>
  Buffer.from(
    s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, e: string) =>
      /^[0-7]/.test(e)
        ? String.fromCharCode(parseInt(e, 8))
        : (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e),
    ),
    'latin1',
  ).toString('hex');

/** The text objects of one content stream. */
function textObjects(content: string, fonts: Map<string, Font>): string[] {
  const out: string[] = [];
  let current: Font | undefined;
  let text = '';
  const tokens = content.matchAll(
    /<([0-9A-Fa-f\s]*)>|\((?:\\.|[^\\)])*\)|\/[^\s/[\]()<>]+|\[|\]|[A-Za-z'"*]+|-?[\d.]+/g,
  );
  let operands: string[] = [];
  let strings: string[] = [];
  for (const t of tokens) {
    const tok = t[0];
    if (tok.startsWith('<')) strings.push(t[1]!.replace(/\s/g, ''));
    else if (tok.startsWith('(')) strings.push(literalToHex(tok.slice(1, -1)));
    else if (tok === '[' || tok === ']') continue;
    else if (/^[A-Za-z'"*]+$/.test(tok)) {
      if (tok === 'Tf') current = fonts.get(operands.at(-2)?.slice(1) ?? '');
      else if (tok === 'Tj' || tok === 'TJ' || tok === "'" || tok === '"')
        text += strings.map((s) => decode(s, current)).join('');
      else if (tok === 'BT') text = '';
      else if (tok === 'ET' && text !== '') out.push(text);
      operands = [];
      strings = [];
    } else operands.push(tok);
  }
  return out;
}

/** Each page's text objects, in page order. */
export function pdfPages(bytes: Buffer): string[][] {
  const objects = readObjects(bytes);
  const text = bytes.toString('latin1');
  const root = Number(/\/Root\s+(\d+) 0 R/.exec(text)?.[1]);
  const pagesRef = ref(objects.get(root)?.dict ?? '', 'Pages');
  if (pagesRef === null) throw new Error('no page tree in this PDF');
  return pagesInOrder(objects, pagesRef).map((id) => {
    const page = objects.get(id)!;
    const fonts = fontsOf(objects, page);
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? /\/Contents\s+(\d+ 0 R)/.exec(page.dict)?.[1];
    const streams = [...(contents ?? '').matchAll(/(\d+) 0 R/g)].map((m) => objects.get(Number(m[1]))?.stream);
    return streams.flatMap((s) => (s ? textObjects(s.toString('latin1'), fonts) : []));
  });
}

/** The whole text, one text object per line. */
export const pdfText = (bytes: Buffer): string =>
  pdfPages(bytes)
    .map((p) => p.join('\n'))
    .join('\n');
