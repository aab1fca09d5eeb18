import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDataDir } from './helpers.js';

const bin = join(process.cwd(), 'bin', 'sentinel.js');
const sentinel = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, SENTINEL_DATA_DIR: '' } });

/** A clear refusal: exit 1, one line naming the value, no stack trace. */
function expectRefusal(r: ReturnType<typeof sentinel>, message: RegExp): void {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
}

describe('sentinel on the command line refuses bad arguments in words', () => {
  it('ingest into a data directory that does not exist, or has no inbox/, creates nothing', () => {
    const root = tempDataDir('cli-');
    const missing = join(root, 'no-such-dir');
    expectRefusal(sentinel(['ingest', '--data-dir', missing]), /数据目录不存在：.*no-such-dir/);
    expect(existsSync(missing)).toBe(false);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expectRefusal(sentinel(['ingest', '--data-dir', empty]), /没有 inbox 文件夹/);
    expect(existsSync(join(empty, 'warehouse.duckdb'))).toBe(false);
  });

  it('a --data-dir that is a file, a bad --log-level and an --out into a missing folder', () => {
    const root = tempDataDir('cli-');
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    expectRefusal(sentinel(['ingest', '--data-dir', file]), /数据目录不是文件夹：.*a-file/);
    mkdirSync(join(root, 'inbox'));
    expectRefusal(sentinel(['ingest', '--data-dir', root, '--log-level', 'loud']), /--log-level .*“loud”/);
    expectRefusal(
      sentinel(['export', 'quarantine', '--data-dir', root, '--out', join(root, 'missing', 'q.csv')]),
      /--out 的文件夹不存在：.*missing/,
    );
  });
});
