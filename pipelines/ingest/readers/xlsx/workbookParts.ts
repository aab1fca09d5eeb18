/**
 * The small parts of a workbook that say where its sheets are and how to read their cells: the package
 * and workbook relationships, the sheet list (names in tab order, the 1904 date system) and, from the
 * styles, which cell styles show a number as a date.
 */
import { ContentRefused } from '../../refusal.js';
import { attrMap, XmlScanner, type XmlHandler } from './xmlScan.js';
import type { WorkbookZip } from './zip.js';

export interface SheetRef {
  name: string;
  /** The sheet's part in the zip, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

export interface WorkbookLayout {
  sheets: SheetRef[];
  sharedStringsPart: string | null;
  /** Per cell style index (`s`): true when its number format shows a date or time. */
  dateStyles: boolean[];
  date1904: boolean;
}

/** Every start tag of a small part, with its attributes decoded. */
async function tags(zip: WorkbookZip, part: string): Promise<{ name: string; attrs: Map<string, string> }[]> {
  const out: { name: string; attrs: Map<string, string> }[] = [];
  const handler: XmlHandler = {
    wantText: false,
    open: (name, attrs) => out.push({ name, attrs: attrMap(attrs) }),
    close() {},
    text() {},
  };
  const scanner = new XmlScanner(handler);
  for await (const piece of zip.bytes(part)) scanner.push(piece);
  scanner.end();
  return out;
}

interface Rel {
  type: string;
  target: string;
}

/** A part's relationships (`dir/_rels/name.rels`), targets resolved to zip paths. */
async function relationships(zip: WorkbookZip, part: string): Promise<Map<string, Rel>> {
  const slash = part.lastIndexOf('/');
  const dir = part.slice(0, slash + 1);
  const relsPart = `${dir}_rels/${part.slice(slash + 1)}.rels`;
  const rels = new Map<string, Rel>();
  if (!zip.has(relsPart)) return rels;
  for (const t of await tags(zip, relsPart)) {
    if (t.name !== 'Relationship' || t.attrs.get('TargetMode') === 'External') continue;
    const id = t.attrs.get('Id');
    const target = t.attrs.get('Target');
    if (id && target) rels.set(id, { type: t.attrs.get('Type') ?? '', target: resolvePart(dir, target) });
  }
  return rels;
}

function resolvePart(dir: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

const relOfType = (rels: Map<string, Rel>, kind: string) =>
  [...rels.values()].find((r) => r.type.endsWith(`/${kind}`))?.target ?? null;

/** A zip that is not a workbook (a packed CSV renamed .xlsx) has no workbook part. */
const NO_SHEETS = '工作簿中没有工作表（文件可能是改了扩展名的压缩包）';

export async function readLayout(zip: WorkbookZip): Promise<WorkbookLayout> {
  const workbookPart = relOfType(await relationships(zip, ''), 'officeDocument') ?? 'xl/workbook.xml';
  if (!zip.has(workbookPart)) throw new ContentRefused(NO_SHEETS);
  const rels = await relationships(zip, workbookPart);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  for (const t of await tags(zip, workbookPart)) {
    if (t.name === 'workbookPr') date1904 = ['1', 'true'].includes(t.attrs.get('date1904') ?? '');
    if (t.name !== 'sheet') continue;
    const name = t.attrs.get('name') ?? `sheet${sheets.length + 1}`;
    const relId = [...t.attrs].find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
    const rel = relId ? rels.get(relId) : undefined;
    // Chart sheets and dialog sheets hold no rows.
    if (rel && !rel.type.endsWith('/worksheet')) continue;
    if (!rel || !zip.has(rel.target)) {
      throw new ContentRefused(
        `Excel 工作簿已损坏：工作表「${name}」的内容缺失，请重新导出后报送`,
        `no part for sheet ${name}`,
      );
    }
    sheets.push({ name, part: rel.target });
  }
  if (sheets.length === 0) throw new ContentRefused(NO_SHEETS);
  const stylesPart = relOfType(rels, 'styles');
  return {
    sheets,
    sharedStringsPart: relOfType(rels, 'sharedStrings'),
    dateStyles: stylesPart && zip.has(stylesPart) ? await readDateStyles(zip, stylesPart) : [],
    date1904,
  };
}

/**
 * Built-in number formats that show dates or times: 14–22 and 45–47 in every locale, and 27–36 and
 * 50–58, which a Chinese (zh-CN) Excel shows as dates such as `yyyy"年"m"月"d"日"`.
 */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A format code shows a date when, outside quoted text, `[…]` sections and escapes, it has a date or time letter. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  return /[ymdhs]/i.test(bare);
}

async function readDateStyles(zip: WorkbookZip, part: string): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const cellXfs: number[] = [];
  let inCellXfs = false;
  const handler: XmlHandler = {
    wantText: false,
    open(name, attrs, selfClosing) {
      if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'numFmt') {
        const a = attrMap(attrs);
        custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
      } else if (name === 'xf' && inCellXfs) cellXfs.push(Number(attrMap(attrs).get('numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  };
  const scanner = new XmlScanner(handler);
  for await (const piece of zip.bytes(part)) scanner.push(piece);
  scanner.end();
  return cellXfs.map((id) => {
    const code = custom.get(id);
    return code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormat(code);
  });
}
