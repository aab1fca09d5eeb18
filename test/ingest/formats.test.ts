import { describe, it, expect, beforeAll } from 'vitest';
import {
  tempDataDir,
  tempDataDirWithWarehouse,
  deliver,
  csvUtf8,
  csvGb18030,
  xlsx,
  jsonArray,
  jsonLines,
  runIngest,
  query,
  accountingHolds,
  type Cell,
} from './helpers.js';
import { uscc, idNumber } from './codes.js';

const ORG = uscc('91350205', 'MA2Y0KXQ');
const IB = uscc('92350205', 'MA3C1234');
const AUTH = uscc('11350205', 'MB012345');
const PERSON = idNumber('35020519900101123');
const MARKET = '厦门市海沧区市场监督管理局';

const HEADERS = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '法定代表人',
  '证件类型',
  '证件号码',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '处罚决定日期',
  '处罚有效期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '自定义备注',
];

// The same seven records, delivered in every format; `date` cells let XLSX use real date cells.
function records(dates: 'text' | 'date'): Cell[][] {
  const d = (iso: string, text: string): Cell => (dates === 'date' ? new Date(`${iso}T00:00:00Z`) : text);
  const common = (no: string) => [no, '虚假宣传', '发布虚假广告', '《广告法》第五十五条'];
  const tail = [MARKET, AUTH, MARKET, AUTH, '附加'];
  return [
    [
      '厦门鑫达贸易有限公司（海沧分公司）',
      '法人及非法人组织',
      ORG,
      '张三',
      null,
      null,
      ...common('厦海市监罚〔2025〕12号'),
      '罚款',
      '罚款2000元',
      0.2,
      d('2025-03-04', '2025/03/04'),
      d('2099-12-31', '2099/12/31'),
      ...tail,
    ],
    [
      '海沧区李记小吃店',
      null,
      IB,
      null,
      null,
      null,
      ...common('厦海市监罚[2025]13号'),
      '警告',
      '警告',
      null,
      d('2025-03-05', '2025年3月5日'),
      null,
      ...tail,
    ],
    [
      '王五',
      '自然人',
      null,
      null,
      '身份证',
      PERSON,
      ...common('厦海市监罚（2025）14号'),
      '罚款',
      '罚款100元',
      0.01,
      d('2025-03-06', '20250306'),
      null,
      ...tail,
    ],
    [
      '厦门甲公司',
      '法人及非法人组织',
      ORG,
      '张三',
      null,
      null,
      ...common('厦海市监罚〔2025〕15号'),
      '罚款',
      '罚款',
      0.2,
      null,
      null,
      ...tail,
    ],
    [
      '厦门乙公司',
      '法人及非法人组织',
      ORG,
      '张三',
      null,
      null,
      ...common('厦海市监罚〔2025〕16号'),
      '罚款',
      '罚款',
      0.2,
      '2025-02-30',
      null,
      ...tail,
    ],
    [
      null,
      '法人及非法人组织',
      ORG,
      '张三',
      null,
      null,
      ...common('厦海市监罚〔2025〕17号'),
      '罚款',
      '罚款',
      0.2,
      d('2025-03-07', '2025.03.07'),
      null,
      ...tail,
    ],
    [
      '某某',
      null,
      null,
      null,
      null,
      null,
      ...common('厦海市监罚〔2025〕18号'),
      '警告',
      '警告',
      null,
      d('2025-03-08', '2025-03-08'),
      null,
      ...tail,
    ],
  ];
}

const EXPECTED_REASONS = [
  null,
  null,
  null,
  'missing_required:处罚决定日期',
  'unreadable_date:处罚决定日期',
  'missing_required:行政相对人名称',
  'unknown_subject_kind',
];

// National field codes (current generation) for the same columns.
const CODES = [
  'CF_XDR_MC',
  'CF_XDR_LB',
  'CF_XDR_SHXYM',
  'CF_FRDB',
  'CF_XDR_ZJLX',
  'CF_XDR_ZJHM',
  'CF_WSH',
  'CF_WFXW',
  'CF_SY',
  'CF_YJ',
  'CF_CFLB',
  'CF_NR',
  'CF_NR_FK',
  'CF_JDRQ',
  'CF_YXQ',
  'CF_CFJG',
  'CF_CFJGDM',
  'CF_SJLY',
  'CF_SJLYDM',
  '自定义备注',
];

interface Loaded {
  _row_number: number;
  _reason: string | null;
  _key: string;
  subject_name: string | null;
  subject_kind: string | null;
  uscc: string | null;
  id_number: string | null;
  decision_date: string | null;
  valid_until: string | null;
  fine_yuan: number | null;
  categories: string[];
}

const VARIANTS: Record<string, () => Promise<{ name: string; bytes: Buffer }>> = {
  'CSV UTF-8': async () => ({ name: 'a.csv', bytes: csvUtf8(HEADERS, records('text')) }),
  'CSV UTF-8 with BOM and CRLF': async () => ({
    name: 'a.csv',
    bytes: csvUtf8(HEADERS, records('text'), { bom: true, eol: '\r\n' }),
  }),
  'CSV GB18030': async () => ({ name: 'a.csv', bytes: csvGb18030(HEADERS, records('text')) }),
  'CSV with national codes': async () => ({ name: 'a.csv', bytes: csvUtf8(CODES, records('text')) }),
  XLSX: async () => ({
    name: 'a.xlsx',
    bytes: await xlsx([{ name: '处罚', headers: HEADERS, rows: records('date') }]),
  }),
  'XLSX with a title row above the header': async () => ({
    name: 'a.xlsx',
    bytes: await xlsx([{ name: 'Sheet1', title: '2025年3月行政处罚信息', headers: HEADERS, rows: records('date') }]),
  }),
  JSON: async () => ({ name: 'a.json', bytes: jsonArray(HEADERS, records('text')) }),
  JSONL: async () => ({ name: 'a.jsonl', bytes: jsonLines(HEADERS, records('text')) }),
};

describe('every format, encoding and header style loads the same records', () => {
  const results: Record<string, Loaded[]> = {};
  beforeAll(async () => {
    for (const [variant, make] of Object.entries(VARIANTS)) {
      // A fresh directory per variant, its empty warehouse copied in (making one costs more than the load).
      const dir = await tempDataDirWithWarehouse();
      const { name, bytes } = await make();
      deliver(dir, 'penalties', name, bytes);
      const { outcomes } = await runIngest(dir);
      expect(
        outcomes.map((o) => [o.status, o.message]),
        variant,
      ).toEqual([['loaded', null]]);
      expect(await accountingHolds(dir)).toBe(true);
      results[variant] = await query<Loaded>(
        dir,
        `select _row_number, _reason, _key, subject_name, subject_kind, uscc, id_number, decision_date, valid_until,
           fine_yuan, categories
         from raw.penalties order by _row_number`,
      );
    }
  });

  for (const variant of Object.keys(VARIANTS)) {
    it(`${variant}: values, keys and quarantine reasons`, () => {
      const rows = results[variant]!;
      expect(rows.map((r) => r._row_number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(rows.map((r) => r._reason)).toEqual(EXPECTED_REASONS);
      expect(rows[0]).toMatchObject({
        subject_name: '厦门鑫达贸易有限公司（海沧分公司）',
        subject_kind: '法人及非法人组织',
        uscc: ORG,
        decision_date: '2025-03-04',
        valid_until: '2099-12-31',
        fine_yuan: 2000,
        categories: ['罚款'],
        _key: `${MARKET}|厦海市监罚〔2025〕12号`,
      });
      expect(rows[1]).toMatchObject({
        subject_kind: '个体工商户',
        decision_date: '2025-03-05',
        _key: `${MARKET}|厦海市监罚〔2025〕13号`,
      });
      expect(rows[2]).toMatchObject({
        subject_kind: '自然人',
        id_number: PERSON,
        fine_yuan: 100,
        decision_date: '2025-03-06',
      });
      expect(rows[2]!._key).toBe(`${MARKET}|厦海市监罚〔2025〕14号`);
      expect(rows[5]!.decision_date).toBe('2025-03-07');
    });
  }

  it('keeps unknown columns with the row and names them in the load log', async () => {
    const dir = tempDataDir();
    deliver(dir, 'penalties', 'a.csv', csvUtf8(HEADERS, records('text')));
    await runIngest(dir);
    const [part] = await query<{ unknown_headers: string[] }>(dir, 'select unknown_headers from ingest.file_parts');
    expect(part!.unknown_headers).toEqual(['自定义备注']);
    const [row] = await query<{ cells: string[] }>(
      dir,
      'select _cells as cells from raw.penalties where _row_number = 1',
    );
    expect(row!.cells.at(-1)).toBe('附加');
  });
});

describe('XLSX text', () => {
  it('keeps every Chinese character, also where an inflated piece of the shared strings splits one', async () => {
    const dir = tempDataDir();
    // Thousands of distinct Chinese strings: the shared-strings part spans many 16 KiB chunks.
    const rows: Cell[][] = Array.from({ length: 3000 }, (_, i) => [
      `厦门市海沧区第${i}号鑫達貿易有限责任公司（分公司）`,
      '法人及非法人组织',
      ORG,
      null,
      null,
      null,
      `厦海市监罚〔2025〕${i}号`,
      '虚假宣传',
      `当事人于二〇二五年在经营场所发布虚假广告第${i}例`,
      '《广告法》',
      '罚款',
      '罚款',
      0.2,
      new Date('2025-03-04T00:00:00Z'),
      null,
      MARKET,
      AUTH,
      MARKET,
      AUTH,
      null,
    ]);
    deliver(dir, 'penalties', 'big.xlsx', await xlsx([{ name: '处罚', headers: HEADERS, rows }]));
    const { outcomes } = await runIngest(dir);
    expect(outcomes[0]!.rowsLoaded).toBe(3000);
    const bad = await query(
      dir,
      `select count(*)::int as n from raw.penalties where contains(array_to_string(_cells, '|'), '\uFFFD')`,
    );
    expect(bad).toEqual([{ n: 0 }]);
    const names = await query<{ subject_name: string }>(
      dir,
      'select subject_name from raw.penalties where _row_number = 2999',
    );
    expect(names[0]!.subject_name).toBe('厦门市海沧区第2998号鑫達貿易有限责任公司（分公司）');
  });
});

describe('a large JSON Lines extract', () => {
  const title =
    'loads every one of 250,000 records (the reader once spread every record into one call and overflowed the stack)';
  it(title, { timeout: 120_000 }, async () => {
    const dir = tempDataDir();
    const rows = Array.from({ length: 250_000 }, (_, i): Cell[] => [
      `厦门公司${i}`,
      '法人及非法人组织',
      ORG,
      null,
      null,
      null,
      `厦海市监罚〔2025〕${i}号`,
      null,
      null,
      null,
      '警告',
      '警告',
      null,
      '2025-03-04',
      null,
      MARKET,
      AUTH,
      MARKET,
      AUTH,
      null,
    ]);
    deliver(dir, 'penalties', 'big.jsonl', jsonLines(HEADERS, rows));
    const { outcomes } = await runIngest(dir);
    expect(outcomes.map((o) => [o.status, o.message])).toEqual([['loaded', null]]);
    expect(await accountingHolds(dir)).toBe(true);
    expect(await query(dir, 'select count(*)::integer as n from raw.penalties')).toEqual([{ n: 250_000 }]);
  });
});

describe('a JSON Lines extract read line by line', () => {
  it('takes a BOM, CRLF line ends, blank lines, any key order and a key first seen in a later record', async () => {
    const dir = tempDataDir();
    const rec = (o: Record<string, unknown>) =>
      JSON.stringify({ 统一社会信用代码: ORG, 处罚机关: MARKET, 处罚类别: '罚款', ...o });
    // Keys in another order than rec() writes them.
    const reordered = JSON.stringify({
      处罚决定日期: '2025-01-02',
      行政处罚决定书文号: 'X2',
      行政相对人名称: '厦门乙公司',
      统一社会信用代码: ORG,
      处罚机关: MARKET,
    });
    const text =
      `\uFEFF${rec({ 行政相对人名称: '厦门甲公司', 行政处罚决定书文号: 'X1', 处罚决定日期: '2025-01-01' })}\r\n\r\n` +
      `${reordered}\r\n` +
      `${rec({ 行政相对人名称: '厦门丙公司', 行政处罚决定书文号: 'X3', 处罚决定日期: '2025-01-03', '罚款金额（万元）': 0.5 })}`;
    deliver(dir, 'penalties', 'crlf.jsonl', text);
    const { outcomes } = await runIngest(dir);
    expect(outcomes.map((o) => [o.status, o.rowsRead, o.rowsLoaded])).toEqual([['loaded', 3, 3]]);
    expect(
      await query(
        dir,
        `select _row_number, subject_name, decision_no, decision_date, fine_yuan
         from raw.penalties order by _row_number`,
      ),
    ).toEqual([
      { _row_number: 1, subject_name: '厦门甲公司', decision_no: 'X1', decision_date: '2025-01-01', fine_yuan: null },
      { _row_number: 2, subject_name: '厦门乙公司', decision_no: 'X2', decision_date: '2025-01-02', fine_yuan: null },
      { _row_number: 3, subject_name: '厦门丙公司', decision_no: 'X3', decision_date: '2025-01-03', fine_yuan: 5000 },
    ]);
  });
});
