/** A build as of a day not yet come is refused unless --allow-future (issue 12, item 13). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { addDays, todayInShanghai } from '../../lib/dates.js';
import { InputError } from '../../lib/errors.js';
import { silentLog } from '../../lib/log.js';
import { planBuild } from '../../pipelines/build/build-plan.js';
import { invalidRequest } from '../../pipelines/schedule/control.js';
import { doWork } from '../../pipelines/schedule/work.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
const options = (asOf: string, allowFuture?: boolean) => ({
  dataDir: mkdtempSync(join(tmpdir(), 'future-')),
  config: loadConfig(),
  asOf,
  log: silentLog(),
  allowFuture,
});

describe('the as-of of a build', () => {
  // 2026-12-06 16:30 UTC is already 2026-12-07 in Asia/Shanghai.
  const now = new Date('2026-12-06T16:30:00Z');

  it('may be today or earlier in Asia/Shanghai', () => {
    expect(() => planBuild(options('2026-12-07'), now)).not.toThrow();
    expect(() => planBuild(options('2025-12-31'), now)).not.toThrow();
  });

  it('is refused after today, naming both days, unless --allow-future', () => {
    expect(() => planBuild(options('2026-12-08'), now)).toThrow(InputError);
    expect(() => planBuild(options('2026-12-08'), now)).toThrow(
      /2026-12-08 晚于今天（2026-12-07，北京时间）.*--allow-future/,
    );
    expect(() => planBuild(options('2026-12-08', true), now)).not.toThrow();
  });

  it('is refused by `sentinel build` with a message and exit 1, before any file is written', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'future-cli-'));
    const tomorrow = addDays(todayInShanghai(), 1);
    const run = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, '--as-of', tomorrow, 'build'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`数据截至日 ${tomorrow} 晚于今天`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dataDir, 'builds'))).toBe(false);
    const allowed = spawnSync(
      process.execPath,
      [BIN, '--data-dir', dataDir, '--as-of', tomorrow, 'build', '--allow-future'],
      { encoding: 'utf8' },
    );
    expect(allowed.stderr).not.toContain('晚于今天');
  });

  it('reaches a build that sentinel start runs for another command (the request carries allowFuture)', async () => {
    const tomorrow = addDays(todayInShanghai(), 1);
    const ctx = { dataDir: mkdtempSync(join(tmpdir(), 'future-work-')), config: loadConfig(), log: silentLog() };
    await expect(doWork({ job: 'build', asOf: tomorrow }, ctx)).rejects.toThrow(/晚于今天/);
    // Allowed, the build goes past the check (and fails later, on the empty data directory).
    await expect(doWork({ job: 'build', asOf: tomorrow, allowFuture: true }, ctx)).rejects.not.toThrow(/晚于今天/);
    expect(invalidRequest({ job: 'build', allowFuture: 'yes' })).toBe('allowFuture must be a boolean');
    expect(invalidRequest({ job: 'build', allowFuture: true })).toBeNull();
  });
});
