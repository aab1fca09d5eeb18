/** The shared "page table as a people's file" helper (issue 18 item 9), read back with exceljs and csv-parse. */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { peopleCsv, peopleXlsx, sheetNames, type PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { returnListSheets } from '../../pipelines/export/returnList.js';

const SHEET: PeopleSheet = {
  name: '预警/测试',
  columns: [
    { title: '名称' },
    { title: '日期', kind: 'date' },
    { title: '时间', kind: 'datetime' },
    { title: '比率', kind: 'percent' },
    { title: '重错码率', kind: 'permyriad' },
    { title: '条数', kind: 'integer' },
  ],
  rows: [
    ['=HYPERLINK("http://x")', '2025-06-30', '2025-12-31T16:30:00Z', 0.9534, 0.00034, 1234],
    ['-3', null, null, null, null, null],
  ],
};

describe('a page table for people', () => {
  it('writes XLSX with dates as Excel dates in Shanghai time, units as number formats, a frozen header and a filter', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await peopleXlsx([SHEET], { as_of: '2025-12-31', build_id: 'b1' })) as unknown as ExcelJS.Buffer,
    );
    const ws = book.worksheets[0]!;
    expect(ws.name).toBe('预警_测试');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:F1');
    const row = ws.getRow(2);
    // A formula-like name stays text (never a formula) in a cell.
    expect(row.getCell(1).value).toBe('=HYPERLINK("http://x")');
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).value).toEqual(new Date(Date.UTC(2025, 5, 30)));
    expect(ws.getColumn(2).numFmt).toBe('yyyy-mm-dd');
    // 16:30 UTC is 00:30 the next day in Shanghai: the wall-clock time the office reads.
    expect(row.getCell(3).value).toEqual(new Date(Date.UTC(2026, 0, 1, 0, 30)));
    expect(ws.getColumn(4).numFmt).toBe('0.0%');
    expect(row.getCell(4).value).toBe(0.9534);
    expect(ws.getColumn(5).numFmt).toBe('0.0"‱"');
    expect(row.getCell(5).value).toBeCloseTo(3.4);
    // Wide enough for the title (a CJK character counts two) and for the longest cell.
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual('=HYPERLINK("http://x")'.length);
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(8);
    expect(ws.headerFooter.oddFooter).toContain('2025-12-31');
  });

  it('writes CSV with a BOM, the same texts Excel shows, and formulas neutralised', () => {
    const bytes = peopleCsv(SHEET);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows[0]).toEqual({
      名称: `'=HYPERLINK("http://x")`,
      日期: '2025-06-30',
      时间: '2026-01-01 00:30',
      比率: '95.3%',
      重错码率: '3.4‱',
      条数: '1234',
    });
    // A plain negative number is a number, not a formula.
    expect(rows[1]!['名称']).toBe('-3');
  });

  it('names sheets as Excel allows: 31 characters, no []:*?/\\, unique', () => {
    const long = '行政许可-20250101_卫生健康委员会行政许可数据_第一批次_001';
    const names = sheetNames(['说明', long, long, 'a[b]:c*?/\\']);
    expect(names[1]!.length).toBeLessThanOrEqual(31);
    expect(names[2]).not.toBe(names[1]);
    expect(names[2]!.length).toBeLessThanOrEqual(31);
    expect(names[3]).toBe('a_b__c____');
  });
});

describe('退回清单 sheets', () => {
  it('puts each file on its own sheet with its own headers, the reason in Chinese and what to fix', () => {
    const sheets = returnListSheets([
      {
        source: 'penalties',
        file: 'a.csv',
        row_number: 3,
        reason: 'missing_required:处罚决定日期',
        raw: { 名称: 'x', 日期: null },
      },
      {
        source: 'penalties',
        file: 'a.csv',
        row_number: 7,
        reason: 'unreadable_row',
        raw: { 名称: 'y', 日期: '?', 列3: 'z' },
      },
      { source: 'licenses', file: 'b.xlsx', row_number: 2, reason: 'unknown_subject_kind', raw: { XK_XDR: 'q' } },
    ]);
    expect(sheets.map((s) => s.name)).toEqual(['说明', '行政处罚-a', '行政许可-b']);
    expect(sheets[0]!.rows).toEqual([
      ['行政处罚', 'a.csv', 2, '行政处罚-a', expect.any(String)],
      ['行政许可', 'b.xlsx', 1, '行政许可-b', expect.any(String)],
    ]);
    expect(sheets[1]!.columns.map((c) => c.title)).toEqual(['行号', '退回原因', '如何修改', '名称', '日期', '列3']);
    expect(sheets[1]!.rows[0]).toEqual([
      3,
      '缺少必填字段（★）「处罚决定日期」',
      '补填「处罚决定日期」后，将该行重新报送',
      'x',
      null,
      null,
    ]);
    expect(sheets[2]!.columns.map((c) => c.title)).toEqual(['行号', '退回原因', '如何修改', 'XK_XDR']);
    expect(String(sheets[2]!.rows[0]![2])).toContain('行政相对人类别');
  });
});
