import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withDb } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { openPublished } from '../../lib/publish/reader.js';
import { addPenalties, project, published, runBuild, tempDir } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/build-child.ts', import.meta.url));

/** A model slow enough (a few seconds) to kill the build while it runs. */
const slow = {
  'marts/slow_model.sql': `select count(*) as n from range(4000000000) as t(i) where i % 7 = 3 and {{ var('as_of') }} is not null`,
};

describe('atomic publish', () => {
  it('keeps a reader consistent across a publish: the old file keeps answering, new readers get the new build', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, [{ file: 1, key: 'a|1', authority: 'a', date: '2025-10-01', fine: 10 }]);
    const models = project('basic');
    const first = await runBuild(dataDir, models);
    const reader = await openPublished(dataDir);
    try {
      const before = await reader.db.all('select penalty_key, fine_yuan from int_penalties_latest order by 1');
      await addPenalties(dataDir, [
        { file: 2, key: 'a|1', authority: 'a', date: '2025-10-01', fine: 20 },
        { file: 2, key: 'a|2', authority: 'a', date: '2025-10-02', fine: 30 },
      ]);
      const second = await runBuild(dataDir, models);
      expect(second.published).toBe(true);
      expect(readPointer(dataDir)?.build_id).toBe(second.buildId);
      // The open reader still sees exactly the first build, before and after the pointer moved.
      expect(await reader.db.all('select penalty_key, fine_yuan from int_penalties_latest order by 1')).toEqual(before);
      expect(await reader.db.value('select build_id from runs.builds')).toBe(first.buildId);
      expect(await published(dataDir, 'select penalty_key, fine_yuan from int_penalties_latest order by 1')).toEqual([
        { penalty_key: 'a|1', fine_yuan: 20 },
        { penalty_key: 'a|2', fine_yuan: 30 },
      ]);
    } finally {
      reader.close();
    }
  });

  it('leaves the last published build intact when the build process is killed, and a re-run completes', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, [{ file: 1, key: 'a|1', authority: 'a', date: '2025-10-01', fine: 10 }]);
    const good = await runBuild(dataDir, project('basic'));
    await addPenalties(dataDir, [{ file: 2, key: 'a|2', authority: 'a', date: '2025-10-02', fine: 30 }]);
    const slowModels = project('basic', slow);

    // `node --import tsx` rather than the tsx binary: the binary forks a second node process that a
    // SIGKILL of the first would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, slowModels], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // The models before slow_model are done: the kill lands while slow_model runs.
        if (stderr.includes('"model":"repeat_authorities"')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited before the kill:\n${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(readPointer(dataDir)?.build_id).toBe(good.buildId);
    expect(await published(dataDir, 'select count(*) as n from int_penalties_latest')).toEqual([{ n: 1 }]);
    expect(readdirSync(paths.builds(dataDir)).filter((f) => f.endsWith('.duckdb'))).toHaveLength(2);

    const rerun = await runBuild(dataDir, project('basic'));
    expect(rerun.published).toBe(true);
    expect(await published(dataDir, 'select count(*) as n from int_penalties_latest')).toEqual([{ n: 2 }]);
    const statuses = await withDb(paths.warehouse(dataDir), { readOnly: true }, (db) =>
      db.all('select status from runs.builds order by started_at'),
    );
    expect(statuses).toEqual([{ status: 'published' }, { status: 'interrupted' }, { status: 'published' }]);
  });
});
