/** What the generated fault cases are made of: a valid utilities extract, and ways to write it. */
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { xlsx, type Cell } from '../ingest/helpers.js';

export const A = '91350205MA2Y0KXQ9E';
export const B = '91350200MA31TT0U6J';
export const HEADERS = [
  '主体名称',
  '统一社会信用代码',
  '类型',
  '账期',
  '应缴金额（元）',
  '欠费金额（元）',
  '连续欠费月数',
];
export const ROWS: Cell[][] = [
  ['厦门甲公司', A, '电费', '2024-05', '1200.50', '300', '3'],
  ['厦门乙公司', B, '水费', '2024-06', '100', '0', '0'],
];

export const csvText = (rows: Cell[][] = ROWS, eol = '\n'): string =>
  [HEADERS, ...rows].map((r) => r.map((c) => c ?? '').join(',')).join(eol) + eol;

export const objects = (rows: Cell[][] = ROWS): Record<string, Cell>[] =>
  rows.map((r) => Object.fromEntries(HEADERS.map((h, i) => [h, r[i] ?? null])));

export const jsonText = (): string => JSON.stringify(objects());
export const jsonLinesText = (): string =>
  objects()
    .map((o) => JSON.stringify(o))
    .join('\n') + '\n';

export const encoded = (text: string, encoding: 'gbk' | 'gb18030' | 'utf16le' | 'utf16be', bom = false): Buffer =>
  iconv.encode(text, encoding === 'utf16be' ? 'utf-16be' : encoding, { addBOM: bom });

export async function workbook(sheets: { name: string; headers: string[]; rows: Cell[][] }[]): Promise<Buffer> {
  return xlsx(sheets);
}

export const write = (path: string, bytes: Buffer | string): void => writeFileSync(path, bytes);
