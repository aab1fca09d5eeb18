import { describe, it, expect, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import { silentLog } from '../../lib/log.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { query, tempDataDir, testConfig } from './helpers.js';
import { startWriter } from './appendingWriter.js';

/** An ingest on the real clock (settling is about now), with the given settle interval. */
const ingestNow = (dir: string, settleSeconds: number) =>
  ingest({ dataDir: dir, config: testConfig({ ingest: { settle_seconds: settleSeconds } }), log: silentLog() });

async function loadedRows(dir: string, name: string): Promise<number> {
  const r = await query<{ n: number }>(
    dir,
    `select coalesce(sum(rows_read), 0)::int as n from ingest.files where file_name = ?`,
    [name],
  );
  return r[0]!.n;
}

function inbox(dir: string): string {
  const p = paths.sourceInbox(dir, 'penalties');
  mkdirSync(p, { recursive: true });
  return p;
}

describe('a file still being written', () => {
  it('is left while a writer appends to it, and loads whole once it has settled', async () => {
    const dir = tempDataDir('settle-');
    const file = join(inbox(dir), '20250601_处罚.csv');
    await ingestNow(dir, 2); // the warehouse exists, so the next run looks at the inbox at once
    // 97 rows at once, then 73 more over ~7 s: the shape of the export that lost 73 rows.
    const writer = startWriter(file, 97, 73, 100);
    await writer.written;
    const during = await ingestNow(dir, 2);
    expect(during.outcomes.map((o) => [o.file, o.status])).toEqual([['20250601_处罚.csv', 'left']]);
    expect(during.outcomes[0]!.message).toMatch(/仍在写入/);
    expect(existsSync(file)).toBe(true);
    await writer.done;
    // Until the file has not changed for the settle interval (2 s), as a clerk's next run would find it.
    await vi.waitUntil(() => Date.now() - statSync(file).mtimeMs > 2100, { timeout: 10_000, interval: 50 });
    const after = await ingestNow(dir, 2);
    expect(after.outcomes.map((o) => [o.status, o.rowsRead])).toEqual([['loaded', 170]]);
    expect(await loadedRows(dir, '20250601_处罚.csv')).toBe(170);
    const log = await query<{ status: string; message: string }>(
      dir,
      `select status, message from ingest.load_log order by logged_at`,
    );
    expect(log[0]).toMatchObject({ status: 'left' });
    expect(log[0]!.message).toMatch(/仍在写入/);
  }, 60_000);

  it('is not committed or archived when it changed while it was read, and is read again next run', async () => {
    const dir = tempDataDir('changed-');
    const file = join(inbox(dir), '20250602_处罚.csv');
    // No settle interval, so only the check after hashing and inside the transaction can see the writer.
    const writer = startWriter(file, 60_000, 400, 5);
    await writer.written;
    const statuses: string[] = [];
    while (writer.child.exitCode === null) {
      const r = await ingestNow(dir, 0);
      statuses.push(...r.outcomes.map((o) => o.status));
      if (r.outcomes.some((o) => o.status === 'left')) expect(r.outcomes[0]!.message).toMatch(/有改动/);
    }
    await writer.done;
    expect(statuses.length).toBeGreaterThan(0);
    // Any run that overlapped the writer left the file; none archived a part of it.
    expect(statuses.filter((s) => s !== 'left' && s !== 'loaded')).toEqual([]);
    const final = await ingestNow(dir, 0);
    const loaded = [...statuses, ...final.outcomes.map((o) => o.status)].filter((s) => s === 'loaded');
    expect(loaded).toHaveLength(1);
    expect(await loadedRows(dir, '20250602_处罚.csv')).toBe(60_400);
    expect(readdirSync(inbox(dir))).toEqual([]);
  }, 120_000);
});

describe('completion markers', () => {
  it('a marked file is taken at once; where markers are used, an unmarked file waits for its marker', async () => {
    const dir = tempDataDir('marker-');
    const header =
      '行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关\n';
    const body = header + '厦门甲公司,,厦海市监罚〔2025〕1号,罚款,0.1,2025-03-04,厦门市海沧区市场监督管理局\n';
    writeFileSync(join(inbox(dir), 'a.csv'), body);
    writeFileSync(join(inbox(dir), 'a.csv.done'), '');
    writeFileSync(join(inbox(dir), 'b.csv'), body.replace('1号', '2号'));
    writeFileSync(join(inbox(dir), 'c.csv.OK'), '');
    const r = await ingestNow(dir, 30);
    const by = Object.fromEntries(r.outcomes.map((o) => [o.file, [o.status, o.message]]));
    expect(by['a.csv']).toEqual(['loaded', null]);
    expect(by['b.csv']![0]).toBe('left');
    expect(by['b.csv']![1]).toMatch(/等待完成标记文件 b\.csv\.done 或 b\.csv\.ok/);
    expect(by['c.csv.OK']![0]).toBe('skipped');
    expect(by['c.csv.OK']![1]).toMatch(/没有对应的数据文件 c\.csv/);
    expect(readdirSync(inbox(dir)).sort()).toEqual(['b.csv', 'c.csv.OK']);
    expect(
      readdirSync(paths.archive(dir, 'penalties'))
        .map((n) => n.slice(13))
        .sort(),
    ).toEqual(['a.csv', 'a.csv.done']);
  });
});
