/**
 * Deliveries the ingest does not read: each is listed in the summary and the load log with its reason
 * (docs/ingest.md), and every entry of the inbox is accounted for as loaded, refused, left or skipped.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import { csvUtf8, deliver, query, tempDataDir } from '../ingest/helpers.js';
import { HEADERS } from '../ingest/appendingWriter.js';

const bin = join(process.cwd(), 'bin', 'sentinel.js');
const good = csvUtf8(HEADERS, [['厦门甲公司', null, '罚〔2025〕1号', '罚款', 0.1, '2025-03-04', '某局']]);

/** Each entry delivered to inbox/penalties/ with the outcome and reason it must get. */
const CASES: [name: string, status: string, reason: RegExp][] = [
  ['good.csv', 'loaded', /^$/],
  ['子目录/', 'skipped', /是子文件夹，其中的文件不读取/],
  ['link.csv', 'skipped', /是符号链接/],
  ['.hidden.csv', 'skipped', /隐藏文件/],
  ['~$锁定.xlsx', 'skipped', /临时锁定文件/],
  ['说明.txt', 'skipped', /文件类型“\.txt”不读取/],
  ['无扩展名', 'skipped', /文件类型“（无扩展名）”不读取/],
  ['old.xls', 'skipped', /旧版 Excel（\.xls）/],
];

describe('files the ingest skips', () => {
  it('are each listed with a reason, and every delivered entry is accounted for', async () => {
    const dir = tempDataDir('skipped-');
    deliver(dir, 'penalties', 'good.csv', good);
    const inbox = paths.sourceInbox(dir, 'penalties');
    mkdirSync(join(inbox, '子目录'));
    writeFileSync(join(inbox, '子目录', 'inner.csv'), good);
    const outside = join(dir, 'outside.csv');
    writeFileSync(outside, good);
    symlinkSync(outside, join(inbox, 'link.csv'));
    deliver(dir, 'penalties', '.hidden.csv', good);
    deliver(dir, 'penalties', '~$锁定.xlsx', 'lock');
    deliver(dir, 'penalties', '说明.txt', '请查收');
    deliver(dir, 'penalties', '无扩展名', good);
    deliver(dir, 'penalties', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    const delivered = readdirSync(inbox).length;

    const r = spawnSync(process.execPath, [bin, 'ingest', '--data-dir', dir, '--log-level', 'error'], {
      encoding: 'utf8',
      env: { ...process.env, SENTINEL_DATA_DIR: '' },
    });
    // Skipped deliveries need a department's action: the command says so with its exit code.
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^penalties\t1\t0\t0\t1\t0\t1\t0\t7$/m);
    for (const [name, status, reason] of CASES.filter(([, s]) => s === 'skipped'))
      expect(r.stdout).toMatch(
        new RegExp(`^${status}: penalties/${name.replace(/[.$]/g, '\\$&')}: .*${reason.source}`, 'm'),
      );

    const log = await query<{ file_name: string; status: string; message: string | null }>(
      dir,
      'select file_name, status, message from ingest.load_log order by file_name',
    );
    expect(log).toHaveLength(delivered);
    for (const [name, status, reason] of CASES) {
      const line = log.find((l) => l.file_name === name);
      expect(line, name).toBeDefined();
      expect([line!.status, line!.message ?? ''].join('|'), name).toMatch(
        new RegExp(`^${status}\\|.*${reason.source.replace(/^\^/, '')}`),
      );
    }
    // Accounting: loaded + refused + left + skipped = what was delivered; only the loaded file left the inbox.
    const by = (s: string) => log.filter((l) => l.status === s).length;
    expect(by('loaded') + by('failed') + by('left') + by('skipped')).toBe(delivered);
    expect(readdirSync(inbox).sort()).toEqual(
      CASES.filter(([n]) => n !== 'good.csv')
        .map(([n]) => n.replace(/\/$/, ''))
        .sort(),
    );
  });
});
