import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import { withDb } from '../../lib/db.js';
import { ensureRecordTables } from '../../pipelines/build/records.js';
import { csvUtf8, deliver, query, runIngest, tempDataDir, type Cell } from './helpers.js';
import { HEADERS } from './appendingWriter.js';

const childScript = join(process.cwd(), 'test', 'ingest', 'ingest-child.ts');

const rows = (n: number): Cell[][] =>
  Array.from({ length: n }, (_, i) => [`厦门${i}公司`, null, `罚〔2025〕${i}号`, '罚款', 0.1, '2025-03-04', '某局']);

/** Starts an ingest process and kills it (SIGKILL) when it starts reading its first file: its run is recorded. */
async function killMidIngest(dir: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir, 'info'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((r) => child.on('exit', r));
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    if (/reading/.test(log)) child.kill('SIGKILL');
  });
  await exited;
}

const statuses = (dir: string) =>
  query<{ status: string }>(dir, 'select status from ingest.runs order by started_at').then((r) =>
    r.map((x) => x.status),
  );

describe('a killed run', () => {
  it('shows as interrupted, not running, once the next process opens the warehouse', async () => {
    const dir = tempDataDir('killed-');
    mkdirSync(paths.inbox(dir));
    await runIngest(dir); // the warehouse exists, so the child's run row appears before its files load
    for (let f = 1; f <= 4; f++) deliver(dir, 'penalties', `2025060${f}_处罚.csv`, csvUtf8(HEADERS, rows(80_000)));
    await killMidIngest(dir);
    expect(await statuses(dir)).toEqual(['succeeded', 'running']);
    await runIngest(dir);
    // runIngest runs at a fixed 2025 clock, the killed child on today's: compare without order.
    expect((await statuses(dir)).sort()).toEqual(['interrupted', 'succeeded', 'succeeded']);
  }, 180_000);

  it('a run of a process still alive is not marked; a build left running is', async () => {
    const dir = tempDataDir('alive-');
    mkdirSync(paths.inbox(dir));
    await runIngest(dir);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((r) => gone.on('exit', r));
    await withDb(paths.warehouse(dir), {}, async (db) => {
      await ensureRecordTables(db, '');
      const run = `insert into ingest.runs (run_id, started_at, status, pid) values (?, now(), 'running', ?)`;
      await db.run(run, ['ingest-alive', sleeper.pid!]);
      await db.run(run, ['ingest-gone', gone.pid!]);
      await db.run(
        `insert into runs.builds values ('b-killed', '2025-06-30', now(), null, 'running', null, false, null)`,
      );
    });
    try {
      await runIngest(dir);
      const by = await query<{ run_id: string; status: string }>(
        dir,
        `select run_id, status from ingest.runs where run_id in ('ingest-alive', 'ingest-gone') order by run_id`,
      );
      expect(by).toEqual([
        { run_id: 'ingest-alive', status: 'running' },
        { run_id: 'ingest-gone', status: 'interrupted' },
      ]);
      expect(await query(dir, `select status from runs.builds`)).toEqual([{ status: 'interrupted' }]);
    } finally {
      sleeper.kill('SIGKILL');
    }
  }, 60_000);
});
