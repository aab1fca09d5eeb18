/**
 * Workbooks written part by part, to give the XLSX reader what other writers produce and exceljs never
 * writes: inline strings, rich-text runs, phonetic guides, cells and rows without `r=`, namespace
 * prefixes, CDATA, the 1904 date system, and damaged or hostile containers.
 */
import JSZip from 'jszip';

export interface HandmadeSheet {
  name: string;
  /** The `<sheetData>` content. */
  rows: string;
  /** Leave the sheet's part out of the zip (a damaged workbook). */
  missing?: boolean;
}

export interface HandmadeWorkbook {
  sheets: HandmadeSheet[];
  /** The `<si>` items of the shared strings. */
  sharedStrings?: string[];
  /** `<numFmt>` items and the `numFmtId` of each cell style (`s` = index). */
  numFmts?: string;
  cellXfs?: number[];
  date1904?: boolean;
  /** The main namespace's prefix on every element, as the .NET SDK writes it (e.g. `x`). */
  prefix?: string;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** `<row>`s of inline-string cells (with `r=`), for the ordinary parts of a handmade sheet. */
export function inlineRows(rows: readonly (readonly (string | null)[])[], firstRow = 1): string {
  const col = (i: number) =>
    (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') + String.fromCharCode(65 + (i % 26));
  return rows
    .map((cells, r) => {
      const n = firstRow + r;
      const cs = cells
        .map((c, i) => (c === null ? '' : `<c r="${col(i)}${n}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`))
        .join('');
      return `<row r="${n}">${cs}</row>`;
    })
    .join('');
}

export async function handmadeXlsx(wb: HandmadeWorkbook): Promise<Buffer> {
  const p = wb.prefix ? `${wb.prefix}:` : '';
  const ns = wb.prefix ? `xmlns:${wb.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const zip = new JSZip();
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const rels = wb.sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rSst" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  rels.push(`<Relationship Id="rSty" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  const sheets = wb.sheets
    .map((s, i) => `<${p}sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}workbook ${ns} xmlns:r="${REL}"><${p}workbookPr${wb.date1904 ? ' date1904="1"' : ''}/><${p}sheets>${sheets}</${p}sheets></${p}workbook>`,
  );
  const sst = (wb.sharedStrings ?? []).map((si) => `<${p}si>${si}</${p}si>`).join('');
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns}>${sst}</${p}sst>`);
  const xfs = (wb.cellXfs ?? [0]).map((id) => `<${p}xf numFmtId="${id}" fontId="0"/>`).join('');
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><${p}styleSheet ${ns}><${p}numFmts>${wb.numFmts ?? ''}</${p}numFmts><${p}cellStyleXfs><${p}xf numFmtId="14"/></${p}cellStyleXfs><${p}cellXfs>${xfs}</${p}cellXfs></${p}styleSheet>`,
  );
  wb.sheets.forEach((s, i) => {
    if (s.missing) return;
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>\n<${p}worksheet ${ns}><${p}sheetData>${s.rows}</${p}sheetData></${p}worksheet>`,
    );
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}
