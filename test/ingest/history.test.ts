import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { paths } from '../../lib/dataDir.js';
import {
  tempDataDir,
  tempDataDirWithWarehouse,
  deliver,
  csvUtf8,
  runIngest,
  query,
  accountingHolds,
  type Cell,
} from './helpers.js';
import { uscc } from './codes.js';

const A = uscc('91350205', 'MA2Y0KXQ');
const HEADERS = [
  '行政相对人名称',
  '统一社会信用代码',
  '行政处罚决定书文号',
  '处罚类别',
  '罚款金额（万元）',
  '处罚决定日期',
  '处罚机关',
];
const MARKET = '厦门市海沧区市场监督管理局';
const row = (no: string, fine: number, name = '厦门甲公司'): Cell[] => [
  name,
  A,
  no,
  '罚款',
  fine,
  '2025-03-04',
  MARKET,
];

describe('exactly once, with history', () => {
  it('loads a file once: the same bytes again load nothing, under any name', async () => {
    const dir = await tempDataDirWithWarehouse();
    const bytes = csvUtf8(HEADERS, [row('厦海市监罚〔2025〕1号', 0.2), row('厦海市监罚〔2025〕2号', 0.3)]);
    deliver(dir, 'penalties', 'a.csv', bytes);
    const first = await runIngest(dir);
    expect(first.outcomes.map((o) => [o.status, o.rowsLoaded])).toEqual([['loaded', 2]]);

    deliver(dir, 'penalties', 'a.csv', bytes);
    deliver(dir, 'penalties', 'copy-of-a.csv', bytes);
    const second = await runIngest(dir);
    expect(second.outcomes.map((o) => o.status).sort()).toEqual(['already_loaded', 'duplicate']);
    expect(await query(dir, 'select count(*) as n from raw.penalties')).toEqual([{ n: 2 }]);
    expect(await query(dir, 'select count(*) as n from ingest.files')).toEqual([{ n: 1 }]);
    // The load log keeps how long the file took, transaction and archiving included.
    expect(await query(dir, 'select seconds > 0 and seconds < 600 as ok from ingest.files')).toEqual([{ ok: true }]);
    // Nothing is left pending in the inbox; every delivery went to the archive.
    expect(readdirSync(paths.sourceInbox(dir, 'penalties'))).toEqual([]);
  });

  it('keeps every version of a corrected record, the later delivery last', async () => {
    const dir = await tempDataDirWithWarehouse();
    deliver(dir, 'penalties', '20250305_处罚.csv', csvUtf8(HEADERS, [row('厦海市监罚〔2025〕1号', 0.2)]));
    await runIngest(dir);
    // The correction arrives in a later run with full-width brackets in the number: same business key.
    deliver(
      dir,
      'penalties',
      '20250310_处罚更正.csv',
      csvUtf8(HEADERS, [row('厦海市监罚（2025）1号', 0.5, '厦门甲有限公司')]),
    );
    await runIngest(dir);
    const versions = await query<{ _file_id: number; subject_name: string; fine_yuan: number; _key: string }>(
      dir,
      'select _file_id, subject_name, fine_yuan, _key from raw.penalties order by _file_id, _row_number',
    );
    expect(versions).toEqual([
      { _file_id: 1, subject_name: '厦门甲公司', fine_yuan: 2000, _key: `${MARKET}|厦海市监罚〔2025〕1号` },
      { _file_id: 2, subject_name: '厦门甲有限公司', fine_yuan: 5000, _key: `${MARKET}|厦海市监罚〔2025〕1号` },
    ]);
    const files = await query(
      dir,
      'select file_id, file_name, extract_date, is_full_snapshot from ingest.files order by file_id',
    );
    expect(files).toEqual([
      { file_id: 1, file_name: '20250305_处罚.csv', extract_date: '2025-03-05', is_full_snapshot: false },
      { file_id: 2, file_name: '20250310_处罚更正.csv', extract_date: '2025-03-10', is_full_snapshot: false },
    ]);
  });

  it('takes the files of one run in order of modification time, then name', async () => {
    const dir = await tempDataDirWithWarehouse();
    const t = (m: number) => new Date(Date.UTC(2025, 2, 1, 0, m));
    deliver(dir, 'penalties', 'b.csv', csvUtf8(HEADERS, [row('厦海市监罚〔2025〕1号', 0.1)]), t(1));
    deliver(dir, 'penalties', 'a.csv', csvUtf8(HEADERS, [row('厦海市监罚〔2025〕1号', 0.2)]), t(1));
    deliver(dir, 'penalties', '0-late.csv', csvUtf8(HEADERS, [row('厦海市监罚〔2025〕1号', 0.3)]), t(2));
    await runIngest(dir);
    const files = await query<{ file_name: string }>(dir, 'select file_name from ingest.files order by file_id');
    expect(files.map((f) => f.file_name)).toEqual(['a.csv', 'b.csv', '0-late.csv']);
  });

  it('marks full snapshots of lists by their file name', async () => {
    const dir = await tempDataDirWithWarehouse();
    const h = ['主体名称', '统一社会信用代码', '名单类型', '列入日期', '认定部门'];
    deliver(
      dir,
      'serious_list',
      '20251229_严重失信主体名单_全量.csv',
      csvUtf8(h, [['厦门甲公司', A, '严重违法失信名单', '2025-01-02', MARKET]]),
    );
    deliver(
      dir,
      'attention_list',
      'attention_full.csv',
      csvUtf8(h, [['厦门甲公司', A, '经营异常名录', '2025-01-02', MARKET]]),
    );
    await runIngest(dir);
    expect(await query(dir, 'select source, extract_date, is_full_snapshot from ingest.files order by source')).toEqual(
      [
        { source: 'attention_list', extract_date: null, is_full_snapshot: true },
        { source: 'serious_list', extract_date: '2025-12-29', is_full_snapshot: true },
      ],
    );
  });
});

describe('files that cannot be read', () => {
  it('stay in the inbox with their reason, while the other files load', async () => {
    const dir = await tempDataDirWithWarehouse();
    deliver(dir, 'penalties', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    deliver(dir, 'penalties', 'noheader.csv', csvUtf8(['甲', '乙', '丙'], [['1', '2', '3']]));
    deliver(dir, 'penalties', 'broken.json', '[{"行政相对人名称": "x",');
    deliver(dir, 'penalties', 'good.csv', csvUtf8(HEADERS, [row('厦海市监罚〔2025〕1号', 0.2)]));
    deliver(dir, 'unknown_source', 'x.csv', 'a,b\n1,2\n');
    // Nine columns headed 处罚类别: more than the typed view reads for one field (8).
    deliver(
      dir,
      'penalties',
      'ninecats.csv',
      csvUtf8(
        [...HEADERS, ...Array<string>(9).fill('处罚类别')],
        [[...row('厦海市监罚〔2025〕2号', 0.2), ...Array<string>(9).fill('罚款')]],
      ),
    );
    const { outcomes } = await runIngest(dir);
    const byFile = Object.fromEntries(outcomes.map((o) => [o.file, o]));
    expect(byFile['old.xls']!.status).toBe('skipped');
    expect(byFile['old.xls']!.message).toMatch(/旧版 Excel（\.xls）/);
    expect(byFile['noheader.csv']!.message).toMatch(/第一行不是「行政处罚」的表头/);
    expect(byFile['broken.json']!.message).toMatch(/不是有效的 JSON 文件/);
    expect(byFile['x.csv']!.message).toMatch(/not a source/);
    expect(byFile['ninecats.csv']!.message).toMatch(/列名是「处罚类别」或其别名，同一字段最多只能读取 8 列/);
    expect(byFile['good.csv']!.status).toBe('loaded');
    expect(readdirSync(paths.sourceInbox(dir, 'penalties')).sort()).toEqual([
      'broken.json',
      'ninecats.csv',
      'noheader.csv',
      'old.xls',
    ]);
    const log = await query<{ status: string; n: number }>(
      dir,
      'select status, count(*)::int as n from ingest.load_log group by 1 order by 1',
    );
    expect(log).toEqual([
      { status: 'failed', n: 4 },
      { status: 'loaded', n: 1 },
      { status: 'skipped', n: 1 },
    ]);
  });

  it('rows that cannot be read are quarantined, not dropped', async () => {
    const dir = await tempDataDirWithWarehouse();
    const text =
      HEADERS.join(',') +
      '\n' +
      `厦门甲公司,${A},厦海市监罚〔2025〕1号,罚款,0.2,2025-03-04,${MARKET}\n` +
      `厦门乙公司,${A},厦海市监罚〔2025〕2号,罚款,0.2,2025-03-04,${MARKET},多出来的,两格\n` +
      '\n' +
      `"厦门丙公司""新""",${A},厦海市监罚〔2025〕3号,罚款,0.2,2025-03-04\n`;
    deliver(dir, 'penalties', 'ragged.csv', text);
    deliver(
      dir,
      'penalties',
      'lines.jsonl',
      `{"行政相对人名称":"厦门甲公司","统一社会信用代码":"${A}","行政处罚决定书文号":"X1",` +
        `"处罚决定日期":"2025-01-01","处罚机关":"${MARKET}"}\nnot json\n[1,2]\n`,
    );
    const { outcomes } = await runIngest(dir);
    expect(outcomes.map((o) => [o.file, o.rowsRead, o.rowsLoaded, o.rowsQuarantined])).toEqual([
      ['ragged.csv', 3, 1, 2],
      ['lines.jsonl', 3, 1, 2],
    ]);
    expect(await accountingHolds(dir)).toBe(true);
    const q = await query<{ _row_number: number; _reason: string; _cells: string[] }>(
      dir,
      `select _row_number, _reason, _cells from raw.penalties where _reason is not null order by _file_id, _row_number`,
    );
    expect(q.map((r) => [r._row_number, r._reason])).toEqual([
      [2, 'unreadable_row'],
      [3, 'missing_required:处罚机关'],
      [2, 'unreadable_row'],
      [3, 'unreadable_row'],
    ]);
    expect(q[0]!._cells.slice(-2)).toEqual(['多出来的', '两格']);
    expect(q[1]!._cells[0]).toBe('厦门丙公司"新"');
    expect(q[2]!._cells).toEqual(['not json']);
  });
});

describe('sentinel ingest and export quarantine on the command line', () => {
  const bin = join(process.cwd(), 'bin', 'sentinel.js');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, SENTINEL_DATA_DIR: '' } });

  it('prints a per-source summary, exits non-zero when a file is refused, and exports the quarantine', () => {
    const dir = tempDataDir();
    deliver(
      dir,
      'penalties',
      'a.csv',
      csvUtf8(HEADERS, [row('厦海市监罚〔2025〕1号', 0.2), ['厦门乙公司', A, null, '罚款', 0.1, '2025-03-04', MARKET]]),
    );
    deliver(dir, 'penalties', 'old.xls', 'not really excel');
    const ingest = run(['ingest', '--data-dir', dir, '--log-level', 'warn']);
    expect(ingest.status).toBe(1);
    expect(ingest.stdout).toMatch(/penalties\t1\t0\t0\t2\t1\t1\t0\t1/);
    expect(ingest.stdout).toMatch(/skipped: penalties\/old\.xls: 是旧版 Excel/);
    expect(existsSync(join(paths.sourceInbox(dir, 'penalties'), 'old.xls'))).toBe(true);

    const csv = run(['export', 'quarantine', '--format', 'csv', '--data-dir', dir]);
    expect(csv.status).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFsource,file,row_number,reason,raw\r\n')).toBe(true);
    expect(csv.stdout).toContain('penalties,a.csv,2,missing_required:行政处罚决定书文号,');

    const json = run(['export', 'quarantine', '--format', 'json', '--data-dir', dir]);
    const rows = JSON.parse(json.stdout) as { raw: Record<string, string | null>; row_number: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row_number).toBe(2);
    expect(rows[0]!.raw).toMatchObject({
      行政相对人名称: '厦门乙公司',
      行政处罚决定书文号: null,
      '罚款金额（万元）': '0.1',
    });
  });
});

describe('reason messages', () => {
  it('gives a Chinese message for every reason code and finding', async () => {
    const { reasonMessage } = await import('../../pipelines/ingest/reasons.js');
    expect(reasonMessage('missing_required:处罚决定日期')).toBe('缺少必填字段（★）「处罚决定日期」');
    expect(reasonMessage('unknown_subject_kind')).toMatch(/行政相对人类别/);
    expect(reasonMessage('something_new')).toBe('something_new');
  });
});
