import { join } from 'node:path';
import { handmadeXlsx } from '../../../ingest/handmadeXlsx.js';
import { A, B, HEADERS, write } from '../../fixtures.js';

/**
 * A workbook as other writers (WPS, the .NET SDK, report tools) produce it: a title row, the header
 * below it in inline strings, cells without `r=`, rich-text runs, XML entities in a name, amounts as
 * numbers and a shared string for the type.
 */
export default async function make(dir: string): Promise<void> {
  const inline = (s: string) => `<c t="inlineStr"><is><t>${s}</t></is></c>`;
  const rows =
    `<row r="1"><c r="A1" t="inlineStr"><is><t>2024年5月水电气缴费情况</t></is></c></row>` +
    `<row r="3">${HEADERS.map(inline).join('')}</row>` +
    `<row r="4"><c t="inlineStr"><is><r><t>厦门甲</t></r><r><rPr><b/></rPr><t>公司 &amp; 分公司</t></r></is></c>` +
    `${inline(A)}<c t="s"><v>0</v></c>${inline('2024-05')}<c><v>1200.50</v></c><c><v>300</v></c><c><v>3</v></c></row>` +
    `<row r="5">${inline('厦门乙公司')}${inline(B)}<c t="s"><v>1</v></c>${inline('2024-06')}<c><v>100</v></c><c><v>0</v></c><c><v>0</v></c></row>`;
  const bytes = await handmadeXlsx({ sheets: [{ name: '水电', rows }], sharedStrings: ['<t>电费</t>', '<t>水费</t>'] });
  write(join(dir, '水电.xlsx'), bytes);
}
