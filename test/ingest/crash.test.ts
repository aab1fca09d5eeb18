import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_NAMES } from '../../lib/config/schema.js';
import { paths } from '../../lib/dataDir.js';
import { tempDataDir, deliver, csvUtf8, csvGb18030, xlsx, jsonLines, query, type Cell } from './helpers.js';
import { uscc } from './codes.js';

const HEADERS = [
  '行政相对人名称',
  '统一社会信用代码',
  '行政处罚决定书文号',
  '处罚类别',
  '罚款金额（万元）',
  '处罚决定日期',
  '处罚机关',
];
const A = uscc('91350205', 'MA2Y0KXQ');

function rows(file: number, n: number): Cell[][] {
  return Array.from({ length: n }, (_, i) => [
    `厦门第${file}批企业${i}有限公司`,
    i % 50 === 0 ? null : A,
    `厦海市监罚〔2025〕${(i * 7) % (n / 2)}号`, // repeated numbers: corrections within and across files
    i % 3 ? '罚款' : '警告;罚款',
    (i % 100) / 10,
    i % 97 === 0 ? '2025-02-30' : `2025-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    '厦门市海沧区市场监督管理局',
  ]);
}

/** Seven deliveries in every format; the same bytes go to both data dirs (XLSX zips carry timestamps). */
async function makeFiles(): Promise<[string, Buffer][]> {
  return [
    ...[1, 2, 3, 4].map((f): [string, Buffer] => [`2025060${f}_处罚.csv`, csvUtf8(HEADERS, rows(f, 60_000))]),
    ['20250605_处罚.csv', csvGb18030(HEADERS, rows(5, 30_000))],
    ['20250606_处罚.xlsx', await xlsx([{ name: '处罚', headers: HEADERS, rows: rows(6, 5_000) }])],
    ['20250607_处罚.jsonl', jsonLines(HEADERS, rows(7, 5_000))],
  ];
}

function deliverAll(dir: string, files: [string, Buffer][]): void {
  files.forEach(([name, bytes], i) => deliver(dir, 'penalties', name, bytes, new Date(Date.UTC(2025, 5, 1, 0, i))));
}

const childScript = join(process.cwd(), 'test', 'ingest', 'ingest-child.ts');

function ingestProcess(dir: string, killAfterMs: number | null): Promise<number | string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve(signal ?? code);
    });
  });
}

/** Everything the loads wrote, except load timestamps, run ids and timings. */
async function fingerprint(dir: string): Promise<unknown> {
  const raw: Record<string, unknown> = {};
  for (const s of SOURCE_NAMES) {
    raw[s] = await query(dir, `select count(*)::int as n, sum(hash(t::varchar))::varchar as h from raw."${s}" t`);
  }
  return {
    raw,
    files: await query(
      dir,
      `select file_id, source, file_name, file_hash, extract_date, is_full_snapshot,
         rows_read, rows_loaded, rows_quarantined, rows_blank
       from ingest.files order by file_id`,
    ),
    parts: await query(dir, 'select * from ingest.file_parts order by file_id, part'),
  };
}

describe('a crash mid-ingest', () => {
  it('kill -9 at any moment, then a re-run, gives the same warehouse as an uninterrupted run', async () => {
    const files = await makeFiles();
    const clean = tempDataDir('clean-');
    deliverAll(clean, files);
    const started = Date.now();
    expect(await ingestProcess(clean, null)).toBe(0);
    const duration = Date.now() - started;
    const expected = await fingerprint(clean);

    const crashed = tempDataDir('crashed-');
    deliverAll(crashed, files);
    // Kill at moments spread over start-up, reading, validating and committing (as fractions of an
    // uninterrupted run, so the test means the same on a fast or a busy machine); each run picks up.
    const outcomes: (number | string | null)[] = [];
    for (const fraction of [0.2, 0.45, 0.3, 0.6, 0.25, 0.5]) {
      const result = await ingestProcess(crashed, Math.round(duration * fraction));
      outcomes.push(result);
      if (result === 0) break;
    }
    expect(outcomes.filter((k) => k === 'SIGKILL').length, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(3);
    expect(await ingestProcess(crashed, null)).toBe(0);

    const got = (await fingerprint(crashed)) as Record<string, unknown>;
    const want = expected as Record<string, unknown>;
    expect(got.files).toEqual(want.files);
    expect(got.parts).toEqual(want.parts);
    expect(got.raw).toEqual(want.raw);
    expect(readdirSync(paths.sourceInbox(crashed, 'penalties'))).toEqual([]);
    expect(want.files).toHaveLength(7);
  }, 300_000);
});
