/** Reads the report documents back the way a reviewer would: DOCX XML through jszip, XLSX through exceljs. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export interface DocxContent {
  xml: string;
  /** Text of every paragraph outside tables, in order. */
  paragraphs: string[];
  /** Every table as rows of cell texts (a cell's paragraphs joined with '\n'). */
  tables: string[][][];
  media: string[];
  /** Each footer part's XML by its file name (word/footer1.xml …). */
  footers: Record<string, string>;
  /** Each section's footers (its sectPr's footerReference by type: default = odd pages, even), as XML. */
  sectionFooters: Array<Record<string, string>>;
  settings: string;
}

const texts = (xml: string): string =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each paragraph of a part (a footer's, say), empty ones left out. */
export const paragraphTexts = (xml: string): string[] =>
  [...xml.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)].map((p) => texts(p[1]!)).filter((t) => t !== '');

export async function readDocx(file: string): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
        [...c[1]!.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)].map((p) => texts(p[1]!)).join('\n'),
      ),
    ),
  );
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...outside.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)]
    .map((p) => texts(p[1]!))
    .filter((t) => t !== '');
  const footers: Record<string, string> = {};
  for (const f of Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)))
    footers[f] = await zip.file(f)!.async('string');
  const settings = (await zip.file('word/settings.xml')?.async('string')) ?? '';
  const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
  const sectionFooters = [...xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((sp) =>
    Object.fromEntries(
      [...sp[0].matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [
        m[1]!,
        footers[`word/${target(m[2]!)}`] ?? '',
      ]),
    ),
  );
  return {
    xml,
    paragraphs,
    tables,
    media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')),
    footers,
    sectionFooters,
    settings,
  };
}

export type Sheet = Array<Array<string | number | null>>;

export async function readXlsx(file: string): Promise<Map<string, Sheet>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = new Map<string, Sheet>();
  wb.eachSheet((ws) => {
    const rows: Sheet = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => (v === undefined || v === null ? null : typeof v === 'number' ? v : String(v))));
    });
    sheets.set(ws.name, rows);
  });
  return sheets;
}

/** Rows after the header row that starts with `序号`, as objects keyed by the header. */
export function tableRows(sheet: Sheet): Array<Record<string, string | number | null>> {
  const h = sheet.findIndex((r) => r[0] === '序号');
  const header = sheet[h]!.map(String);
  return sheet.slice(h + 1).map((r) => Object.fromEntries(header.map((k, i) => [k, r[i] ?? null])));
}
