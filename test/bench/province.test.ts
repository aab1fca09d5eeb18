import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleProvince, linkedName, provinceDataDir, type AssembleResult } from '../../bench/province.js';
import { extractDateOf, isFullSnapshotName } from '../../pipelines/ingest/loadFile.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'sentinel.js');
let dir: string;
let result: AssembleResult;

const filesUnder = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-province-'));
  execFileSync(
    'node',
    [BIN, 'generate', '--scale', 'province-mini', '--seed', '3', '--as-of', '2025-12-31', '--out', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  result = assembleProvince(dir);
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('province benchmark: one data folder from every shard', () => {
  it('links every shard file into the one inbox, no more, no fewer', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'province.json'), 'utf8')) as {
      done: { shard: number; dir: string; files: number }[];
    };
    expect(manifest.done).toHaveLength(4);
    const shardFiles = manifest.done.map((s) => filesUnder(join(dir, s.dir, 'inbox')));
    const assembled = filesUnder(join(provinceDataDir(dir), 'inbox'));
    const sum = shardFiles.reduce((n, f) => n + f.length, 0);
    expect(manifest.done.reduce((n, s) => n + s.files, 0)).toBe(sum);
    expect(assembled).toHaveLength(sum);
    expect(result.files).toBe(sum);
    // Hard links: the very same inodes, no disk spent.
    const inodes = (files: string[]) => files.map((f) => statSync(f).ino).sort((a, b) => a - b);
    expect(inodes(assembled)).toEqual(inodes(shardFiles.flat()));
    expect(result.linked).toBe(sum);
  });

  it('gives unique names that keep their extract date, with the shard after it', () => {
    const assembled = filesUnder(join(provinceDataDir(dir), 'inbox')).map((f) =>
      relative(join(provinceDataDir(dir), 'inbox'), f),
    );
    const names = assembled.map((f) => f.split('/').pop()!);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^\d{8}_s00[1-4]_/);
    // The same (source, shard, extract date) for every file as in the shards.
    const key = (source: string, shard: string, name: string) => `${source} ${shard} ${extractDateOf(name)}`;
    const expected = readdirSync(join(dir, 'shards')).flatMap((shard) =>
      filesUnder(join(dir, 'shards', shard, 'inbox')).map((f) => key(f.split('/').at(-2)!, shard, f.split('/').pop()!)),
    );
    const got = assembled.map((f) => key(f.split('/')[0]!, f.split('/')[1]!.slice(10, 13), f.split('/')[1]!));
    expect(got.sort()).toEqual(expected.sort());
    expect(got.every((k) => !k.endsWith(' null'))).toBe(true);
  });

  it('loads full snapshots as ordinary deliveries: no name keeps the marker', () => {
    const snapshots = readdirSync(join(dir, 'shards'), { recursive: true })
      .map(String)
      .filter((f) => f.includes('/inbox/') && isFullSnapshotName(f.split('/').pop()!));
    expect(snapshots.length).toBeGreaterThan(0);
    expect(result.snapshotsStripped).toBe(snapshots.length);
    const names = filesUnder(join(provinceDataDir(dir), 'inbox')).map((f) => f.split('/').pop()!);
    expect(names.filter(isFullSnapshotName)).toEqual([]);
  });

  it('names a file by its shard and date, and strips 全量 and _full', () => {
    expect(linkedName('20250105_penalties.csv', 7)).toEqual({
      name: '20250105_s007_penalties.csv',
      wasFullSnapshot: false,
    });
    expect(linkedName('20251221_失信被执行人_全量.csv', 1)).toEqual({
      name: '20251221_s001_失信被执行人.csv',
      wasFullSnapshot: true,
    });
    expect(linkedName('20251221全量名单.xlsx', 12)).toEqual({ name: '20251221_s012_名单.xlsx', wasFullSnapshot: true });
    expect(linkedName('serious_FULL.json', 50)).toEqual({ name: 's050_serious.json', wasFullSnapshot: true });
  });
});
