import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { penaltiesCsv, penaltiesXlsx, type PenaltyDataset } from '../../bench/data/penalties.js';
import { PENALTY_HEADERS } from '../../bench/data/penaltyRow.js';
import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';

let dir: string;
let data: PenaltyDataset;
const ROWS = 4000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-data-'));
  data = await penaltiesCsv({ rows: ROWS, seed: 7, dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const col = (h: (typeof PENALTY_HEADERS)[number]) => PENALTY_HEADERS.indexOf(h);
const blank = (s: string | undefined) => (s ?? '').replace(/[\s\u3000]/g, '') === '';

describe('bench penalties extract', () => {
  it('writes the same bytes for the same seed and other bytes for another seed', async () => {
    const again = await mkdtemp(join(tmpdir(), 'bench-data-'));
    try {
      const same = await penaltiesCsv({ rows: ROWS, seed: 7, dir: again });
      const other = await penaltiesCsv({ rows: ROWS, seed: 8, dir: again });
      const a = await readFile(data.files.utf8!);
      expect((await readFile(same.files.utf8!)).equals(a)).toBe(true);
      expect((await readFile(other.files.utf8!)).equals(a)).toBe(false);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('writes the GB18030 file with exactly the text of the UTF-8 file', async () => {
    const utf8 = await readFile(data.files.utf8!, 'utf8');
    const gb = await readFile(data.files.gb18030!);
    expect(gb.length).toBeLessThan(Buffer.byteLength(utf8));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    expect(iconv.decode(gb, 'gb18030')).toBe(utf8);
  });

  it('plants about 1 % faulty rows and its manifest counts what the file holds', async () => {
    const rows = parse(await readFile(data.files.utf8!, 'utf8'), { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([...PENALTY_HEADERS]);
    const body = rows.slice(1);
    expect(body).toHaveLength(ROWS);
    const counted: Record<string, number> = {};
    const add = (r: string) => (counted[r] = (counted[r] ?? 0) + 1);
    for (const r of body) {
      if (blank(r[col('行政相对人名称')])) add('missing_required:行政相对人名称');
      else if (blank(r[col('行政相对人类别')]) && blank(r[col('统一社会信用代码')]) && blank(r[col('证件号码')]))
        add('unknown_subject_kind');
      else if (blank(r[col('行政处罚决定书文号')])) add('missing_required:行政处罚决定书文号');
      else if (blank(r[col('处罚决定日期')])) add('missing_required:处罚决定日期');
      else if (
        !/^\d{4}([-/.年]|\d{4})/.test(r[col('处罚决定日期')]!) ||
        /13月|02-30|1345|6\/31/.test(r[col('处罚决定日期')]!)
      )
        add('unreadable_date:处罚决定日期');
      else if (blank(r[col('处罚机关')])) add('missing_required:处罚机关');
    }
    expect(counted).toEqual(data.planted);
    expect(data.plantedTotal / ROWS).toBeGreaterThan(0.005);
    expect(data.plantedTotal / ROWS).toBeLessThan(0.02);
  });

  it('gives organisations valid USCCs, apart from a few planted typos', async () => {
    const rows = (parse(await readFile(data.files.utf8!, 'utf8'), { from_line: 2 }) as string[][]).filter(
      (r) => !blank(r[col('统一社会信用代码')]),
    );
    const valid = rows.filter((r) => isValidUscc(normaliseCode(r[col('统一社会信用代码')]!))).length;
    expect(rows.length).toBeGreaterThan(ROWS * 0.8);
    expect(valid / rows.length).toBeGreaterThan(0.99);
    expect(valid).toBeLessThan(rows.length);
    expect(rows.every((r) => isValidUscc(r[col('处罚机关统一社会信用代码')]!))).toBe(true);
  });

  it('reuses a cached file instead of writing it again', async () => {
    const before = (await stat(data.files.utf8!)).mtimeMs;
    const again = await penaltiesCsv({ rows: ROWS, seed: 7, dir });
    expect(again).toEqual(data);
    expect((await stat(data.files.utf8!)).mtimeMs).toBe(before);
  });

  it('writes an XLSX with a title above the header and date cells among the rows', async () => {
    const x = await penaltiesXlsx({ rows: 300, seed: 7, dir });
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(x.files.xlsx!, {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
    });
    let headerRow = 0;
    let rows = 0;
    let dates = 0;
    for await (const ws of reader) {
      for await (const row of ws) {
        const values = (row.values as unknown[]).slice(1);
        if (values[1] === '行政相对人名称') headerRow = row.number;
        else if (headerRow) {
          rows++;
          if (values.some((v) => v instanceof Date)) dates++;
        }
      }
    }
    expect(headerRow).toBe(3);
    expect(rows).toBe(300);
    expect(dates).toBeGreaterThan(50);
  });
});
