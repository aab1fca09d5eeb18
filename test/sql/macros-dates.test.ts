import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMacroDb, type MacroDb } from './macroDb.js';

let m: MacroDb;
beforeAll(async () => {
  m = await openMacroDb();
});
afterAll(() => m.close());
const date = (s: string | null) => m.db.value(`select cs_parse_date(?)::varchar`, [s]);

describe('cs_parse_date', () => {
  it.each([
    ['2025/03/04', '2025-03-04'],
    ['2025-03-04', '2025-03-04'],
    ['2025.03.04', '2025-03-04'],
    ['20250304', '2025-03-04'],
    ['2025年3月4日', '2025-03-04'],
    ['2025年03月04日', '2025-03-04'],
    ['2025 年 3 月 4 日', '2025-03-04'],
    ['2025/3/4', '2025-03-04'],
    ['2025-3-4', '2025-03-04'],
  ])('reads %s', async (s, expected) => {
    expect(await date(s)).toBe(expected);
  });

  it.each([
    ['2025-03-04 10:22:31', '2025-03-04'],
    ['2025/03/04 10:22', '2025-03-04'],
    ['2025年3月4日 23:59:59', '2025-03-04'],
    ['2025-03-04T10:22:31', '2025-03-04'],
    ['2025-03-04T10:22:31.123', '2025-03-04'],
    ['20250304 10:22:31', '2025-03-04'],
  ])('takes the date part of %s', async (s, expected) => {
    expect(await date(s)).toBe(expected);
  });

  it.each([
    ['2025-03-04T18:00:00Z', '2025-03-05'],
    ['2025-03-04T15:59:59Z', '2025-03-04'],
    ['2025-03-04T16:00:00+00:00', '2025-03-05'],
    ['2025-03-04 16:00:00+0000', '2025-03-05'],
    ['2025-03-04T23:30:00+08:00', '2025-03-04'],
    ['2025-03-04T10:00:00-10:00', '2025-03-05'],
    ['2025-03-04T10:00:00-10', '2025-03-05'],
  ])('takes %s in Asia/Shanghai because it carries a zone', async (s, expected) => {
    expect(await date(s)).toBe(expected);
  });

  it('tolerates surrounding spaces and full-width digits', async () => {
    expect(await date('  ２０２５／０３／０４\u3000')).toBe('2025-03-04');
    expect(await date('\t2025-03-04 ')).toBe('2025-03-04');
    expect(await date('２０２５年３月４日')).toBe('2025-03-04');
  });

  it('reads a bare number that is not 8 digits as an Excel serial day, ignoring a fraction', async () => {
    expect(await date('45000')).toBe('2023-03-15');
    expect(await date('45000.75')).toBe('2023-03-15');
    expect(await date('1')).toBe('1899-12-31');
    expect(await date('80000')).toBe('2119-01-11');
    expect(await date('80001')).toBeNull();
    expect(await date('0')).toBeNull();
  });

  it('takes the serial range from the configuration', async () => {
    const narrow = await openMacroDb({ ingest: { excel_serial_min: 20000, excel_serial_max: 60000 } });
    try {
      expect(await narrow.db.value(`select cs_parse_date('19999')`)).toBeNull();
      expect(await narrow.db.value(`select cs_parse_date('45000')`)).toBe('2023-03-15');
      expect(await narrow.db.value(`select cs_parse_date('60001')`)).toBeNull();
    } finally {
      narrow.close();
    }
  });

  it('reads an 8-digit number as YYYYMMDD, never as a serial', async () => {
    expect(await date('20240229')).toBe('2024-02-29');
    expect(await date('12345678')).toBeNull();
  });

  it('parses long-term years normally', async () => {
    expect(await date('2099/12/31')).toBe('2099-12-31');
    expect(await date('2199-01-01')).toBe('2199-01-01');
  });

  it.each([
    '2025-02-30',
    '20250230',
    '2023年2月29日',
    '2025-13-01',
    '2025-03-04 25:00:00',
    '2025-03-04T10:61',
    '2025-03/04',
    '2025-03-04 abc',
    '03/04/2025',
    '2025年3月',
    '明天',
    '',
    '   ',
    '-45000',
    '1e5',
  ])('gives NULL for the unreadable %j', async (s) => {
    expect(await date(s)).toBeNull();
  });

  it('gives NULL for NULL', async () => {
    expect(await date(null)).toBeNull();
  });

  it('does not depend on the session time zone', async () => {
    await m.db.run(`set TimeZone = 'America/Los_Angeles'`);
    try {
      expect(await date('2025-03-04')).toBe('2025-03-04');
      expect(await date('45000')).toBe('2023-03-15');
      expect(await date('2025-03-04T18:00:00Z')).toBe('2025-03-05');
      expect(await date('2025-03-04 23:30:00')).toBe('2025-03-04');
    } finally {
      await m.db.run(`set TimeZone = 'Asia/Shanghai'`);
    }
  });
});

describe('cs_parse_period', () => {
  it.each([
    ['2025-03', '2025-03-01'],
    ['2025-3', '2025-03-01'],
    ['2025/03', '2025-03-01'],
    ['202503', '2025-03-01'],
    ['2025年3月', '2025-03-01'],
    ['2025年12月', '2025-12-01'],
    [' ２０２５－０３ ', '2025-03-01'],
  ])('reads %j as the first day of the month', async (s, expected) => {
    expect(await m.db.value(`select cs_parse_period(?)::varchar`, [s])).toBe(expected);
  });

  it.each(['2025-13', '202513', '2025', '2025-03-04', '25-03', '2025年3月4日', ''])('gives NULL for %j', async (s) => {
    expect(await m.db.value(`select cs_parse_period(?)`, [s])).toBeNull();
  });
});

describe('cs_parse_year', () => {
  it('reads YYYY and YYYY年度', async () => {
    expect(await m.db.value(`select cs_parse_year('2024')`)).toBe(2024);
    expect(await m.db.value(`select cs_parse_year(?)`, [' ２０２４年度 '])).toBe(2024);
  });

  it.each(['2024年', '24', '20240', '2024-01', '年度', ''])('gives NULL for %j', async (s) => {
    expect(await m.db.value(`select cs_parse_year(?)`, [s])).toBeNull();
  });
});

describe('cs_parse_number', () => {
  it.each([
    ['1234.5', 1234.5],
    ['1,234,567.89', 1234567.89],
    ['１，２３４．５', 1234.5],
    [' 0.2 ', 0.2],
    ['-3', -3],
    ['+.5', 0.5],
    ['1 000', 1000],
    ['1e3', 1000],
  ])('reads %j', async (s, expected) => {
    expect(await m.db.value(`select cs_parse_number(?)`, [s])).toBe(expected);
  });

  it.each(['', '  ', 'abc', '1.2.3', '12元', '¥12', 'inf', 'NaN', '--1', '.', '1e'])('gives NULL for %j', async (s) => {
    expect(await m.db.value(`select cs_parse_number(?)`, [s])).toBeNull();
  });
});
