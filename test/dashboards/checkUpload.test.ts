/** Reading a clerk's uploaded list: the column chosen, the encodings, and every refusal in Chinese. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readUploadedList } from '../../dashboards/check/upload.js';
import { uscc } from '../ingest/codes.js';

const A = uscc('91350205', 'MA2Y0KXQ');
const B = uscc('92350205', 'QC000002');

async function xlsx(rows: unknown[][], sheets = 1): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (let s = 0; s < sheets; s++) {
    const sheet = wb.addWorksheet(`表${s + 1}`);
    for (const r of rows) sheet.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('an uploaded list', () => {
  it('checks the USCC column of an XLSX, even beside a name column, and keeps every row and cell', async () => {
    const list = await readUploadedList(
      await xlsx([
        ['序号', '单位名称', '统一社会信用代码'],
        [1, '厦门甲公司', A.toLowerCase()],
        [2, '厦门乙商行', ''],
        [3, '厦门丙公司', 'not-a-code'],
        [4, '厦门丁公司', B],
      ]),
      '名单.xlsx',
      100,
    );
    expect(list.column).toEqual({ index: 2, header: '统一社会信用代码', kind: 'uscc' });
    expect(list.headers).toEqual(['序号', '单位名称', '统一社会信用代码']);
    expect(list.rows).toHaveLength(4);
    expect(list.rows[1]).toEqual(['2', '厦门乙商行', '']);
  });

  it('checks the name column when no column holds USCCs, by its header before its contents', async () => {
    const csv = '备注,申请单位,联系人\n新设,厦门市海沧区甲商行,张三丰先生\n变更,厦门乙贸易有限公司,李四光先生\n';
    const list = await readUploadedList(Buffer.from(csv), 'a.csv', 100);
    expect(list.column).toEqual({ index: 1, header: '申请单位', kind: 'name' });
  });

  it('reads GBK and UTF-8 with a BOM alike, and a list without a header row', async () => {
    const text = `统一社会信用代码,企业名称\n${A},厦门甲公司\n`;
    const gbk = await readUploadedList(iconv.encode(text, 'gbk'), 'gbk.csv', 100);
    const bom = await readUploadedList(Buffer.from(`\ufeff${text}`), 'bom.csv', 100);
    expect(gbk).toEqual(bom);
    expect(gbk.rows).toEqual([[A, '厦门甲公司']]);
    const bare = await readUploadedList(Buffer.from(`${A}\n${B}\n`), 'bare.csv', 100);
    expect(bare).toMatchObject({ headers: ['第1列'], rows: [[A], [B]], column: { kind: 'uscc', header: '第1列' } });
  });

  it.each([
    ['an empty file', () => Promise.resolve(Buffer.alloc(0)), 'x.csv', /上传的文件是空的/],
    ['a PNG', () => Promise.resolve(Buffer.from('89504e470d0a1a0a', 'hex')), 'x.png', /PNG 图片/],
    ['an old .xls', () => Promise.resolve(Buffer.from('d0cf11e0a1b11ae1', 'hex')), 'x.xls', /旧版 Excel/],
    ['a header only', () => xlsx([['统一社会信用代码']]), 'x.xlsx', /只有表头/],
    [
      'no usable column',
      () => Promise.resolve(Buffer.from('金额,日期\n100,2025-01-01\n')),
      'x.csv',
      /没有找到可核查的列/,
    ],
    ['a broken .xlsx', () => Promise.resolve(Buffer.from('PK\u0003\u0004broken')), 'x.xlsx', /无法读取该 Excel 文件/],
    [
      'too many rows',
      () => Promise.resolve(Buffer.from(`代码\n${`${A}\n`.repeat(11)}`)),
      'x.csv',
      /一次最多核查 10 行，该文件有 11 行/,
    ],
  ])('refuses %s with a sentence the clerk can act on', async (_label, bytes, name, message) => {
    await expect(readUploadedList(await bytes(), name, 10)).rejects.toThrow(message);
  });
});
