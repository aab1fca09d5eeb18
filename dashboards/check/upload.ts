/**
 * A clerk's list for the 核查 page: an XLSX or CSV file (CSV in UTF-8, with or without BOM, or GBK), its
 * first sheet, its first row the header unless it already holds a USCC. The column checked is the one
 * holding USCCs (most cells of USCC shape), else the one holding names (a name-like header, else the
 * most cells of Chinese text). Every refusal is a sentence the clerk can act on.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError } from '../../lib/errors.js';
import { normaliseCode } from '../../lib/validate/uscc.js';

export interface UploadedList {
  headers: string[];
  /** Data rows, each as long as `headers`. */
  rows: string[][];
  /** The column checked: its index, its header, and whether it holds USCCs or names. */
  column: { index: number; header: string; kind: 'uscc' | 'name' };
}

const USCC_LIKE = /^[0-9A-Z]{18}$/;
const NAME_HEADER = /名称|单位|企业|主体|公司|申请人|供应商|商户|name/i;
const CJK = /[\u4e00-\u9fff]/u;

/** Files that are surely not a list, by their first bytes. */
const NOT_A_LIST: ReadonlyArray<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文件'],
  [[0xd0, 0xcf, 0x11, 0xe0], '旧版 Excel（.xls）或 Word 文件'],
];

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
    return '';
  }
  return String(v);
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new InputError(
      '无法读取该 Excel 文件：文件已损坏，或不是 .xlsx 格式（请用 Excel 另存为 .xlsx 或 .csv 后再上传）',
    );
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
  });
  return rows;
}

function csvRows(bytes: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'gb18030');
  }
  if (text.includes('\u0000')) throw new InputError('该文件不是文本表格：请上传 .xlsx 或 .csv 文件');
  try {
    const rows: string[][] = parseCsv(text.replace(/^\ufeff/, ''), { relaxColumnCount: true, skipEmptyLines: true });
    return rows.map((r) => r.map((c) => c.trim()));
  } catch (e) {
    throw new InputError(`无法读取该 CSV 文件：${(e as Error).message}`);
  }
}

function chooseColumn(headers: string[], rows: string[][]): UploadedList['column'] {
  const filled = (i: number) => rows.map((r) => r[i] ?? '').filter((c) => c !== '');
  const scores = headers.map((h, i) => {
    const cells = filled(i);
    const usccs = cells.filter((c) => USCC_LIKE.test(normaliseCode(c))).length;
    const names = cells.filter((c) => CJK.test(c) && c.length >= 4).length;
    return { i, h, cells: cells.length, usccs, names };
  });
  const uscc = scores.filter((s) => s.usccs > 0 && s.usccs * 2 >= s.cells).sort((a, b) => b.usccs - a.usccs)[0];
  if (uscc) return { index: uscc.i, header: uscc.h, kind: 'uscc' };
  const named = scores.filter((s) => s.names > 0 && s.names * 2 >= s.cells);
  const name = named.find((s) => NAME_HEADER.test(s.h)) ?? named.sort((a, b) => b.names - a.names)[0];
  if (name) return { index: name.i, header: name.h, kind: 'name' };
  throw new InputError(
    `没有找到可核查的列：文件中没有一列是统一社会信用代码（18 位）或企业名称。表头为：${headers.join('、') || '（空）'}`,
  );
}

/** The list in an uploaded file, or an InputError in Chinese saying what is wrong with it. */
export async function readUploadedList(bytes: Buffer, fileName: string, maxRows: number): Promise<UploadedList> {
  if (bytes.length === 0) throw new InputError('上传的文件是空的');
  const known = NOT_A_LIST.find(([sig]) => startsWith(bytes, sig));
  if (known) throw new InputError(`上传的是${known[1]}，不是名单：请上传 .xlsx 或 .csv 文件`);
  const isZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (!isZip && /\.(xlsx|xlsm)$/i.test(fileName)) throw new InputError('该文件名为 .xlsx，但内容不是 Excel 文件');
  let all = isZip ? await xlsxRows(bytes) : csvRows(bytes);
  all = all.filter((r) => r.some((c) => c !== ''));
  if (all.length === 0) throw new InputError('文件中没有任何内容');
  const width = Math.max(...all.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')];
  const first = pad(all[0]!);
  const headerless = first.some((c) => USCC_LIKE.test(normaliseCode(c)));
  const headers = headerless ? first.map((_, i) => `第${i + 1}列`) : first.map((h, i) => h || `第${i + 1}列`);
  const rows = (headerless ? all : all.slice(1)).map(pad);
  if (rows.length === 0) throw new InputError('文件只有表头，没有要核查的数据行');
  if (rows.length > maxRows)
    throw new InputError(`一次最多核查 ${maxRows} 行，该文件有 ${rows.length} 行数据：请拆分后分批上传`);
  return { headers, rows, column: chooseColumn(headers, rows) };
}
