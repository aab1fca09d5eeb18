import { describe, it, expect, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLog } from '../../lib/log.js';
import { jobsFromConfig } from '../../pipelines/schedule/jobs.js';
import { jsonlRecorder, readJobRuns } from '../../pipelines/schedule/record.js';
import { createScheduler, type JobRun } from '../../pipelines/schedule/scheduler.js';
import { tempDir } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CHILD = fileURLToPath(new URL('./fixtures/scheduler-child.ts', import.meta.url));

describe('scheduler', () => {
  it('never runs two jobs at once on a real one-second timer, skipping and recording the overlapping firings', async () => {
    let active = 0;
    let maxActive = 0;
    const runs: JobRun[] = [];
    const slowJob = (ms: number) => async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await sleep(ms);
      active--;
    };
    const scheduler = createScheduler({
      timezone: 'Asia/Shanghai',
      log: silentLog(),
      record: (r) => void runs.push(r),
      jobs: [
        { name: 'ingest', cron: '* * * * * *', run: slowJob(1600) },
        { name: 'build', cron: '* * * * * *', run: slowJob(300) },
      ],
    });
    const by = (job: string, status: string) => runs.filter((r) => r.job === job && r.status === status).length;
    scheduler.start();
    // Until the firings this test needs have happened (about five seconds), not a fixed five seconds.
    await vi.waitUntil(
      () =>
        by('ingest', 'success') >= 2 &&
        by('build', 'success') >= 1 &&
        by('ingest', 'skipped') + by('build', 'skipped') >= 3,
      { timeout: 30_000, interval: 50 },
    );
    await scheduler.stop();
    expect(maxActive).toBe(1);
    expect(by('ingest', 'success')).toBeGreaterThanOrEqual(2);
    expect(by('build', 'success')).toBeGreaterThanOrEqual(1);
    expect(by('ingest', 'skipped') + by('build', 'skipped')).toBeGreaterThanOrEqual(3);
    // runs that did execute never overlapped in time
    const done = runs.filter((r) => r.status === 'success').sort((a, b) => a.started_at.localeCompare(b.started_at));
    for (let i = 1; i < done.length; i++) expect(done[i]!.started_at >= done[i - 1]!.finished_at).toBe(true);
  });

  it('records a failed run, shows it in the status, and still runs the next one', async () => {
    let calls = 0;
    const file = join(tempDir('sched'), 'runs', 'schedule.jsonl');
    const scheduler = createScheduler({
      timezone: 'Asia/Shanghai',
      log: silentLog(),
      record: jsonlRecorder(file),
      jobs: [
        {
          name: 'build',
          cron: '* * * * * *',
          run: async () => {
            calls++;
            if (calls === 1) throw new Error('the warehouse lacks source table(s) raw.penalties');
          },
        },
      ],
    });
    scheduler.start();
    // Until the failed run and a later successful one are recorded, not a fixed 2.6 seconds.
    await vi.waitUntil(
      () => {
        const recorded = readJobRuns(file);
        return recorded.length >= 2 && recorded.slice(1).some((r) => r.status === 'success');
      },
      { timeout: 30_000, interval: 50 },
    );
    await scheduler.stop();
    const runs = readJobRuns(file);
    expect(runs[0]).toMatchObject({
      job: 'build',
      status: 'failed',
      message: 'the warehouse lacks source table(s) raw.penalties',
    });
    expect(runs.slice(1).some((r) => r.status === 'success')).toBe(true);
    expect(scheduler.status().recent.map((r) => r.status)[0]).toBe('failed');
  });

  it('queues a manual run behind the running job instead of overlapping it', async () => {
    const order: string[] = [];
    const scheduler = createScheduler({
      timezone: 'Asia/Shanghai',
      log: silentLog(),
      jobs: [
        {
          name: 'ingest',
          cron: '0 0 1 1 *',
          run: async () => (order.push('ingest:start'), await sleep(200), order.push('ingest:end')),
        },
        { name: 'build', cron: '0 0 1 1 *', run: async () => void order.push('build') },
      ],
    });
    const a = scheduler.runNow('ingest');
    const b = scheduler.runNow('build');
    const again = await scheduler.runNow('ingest');
    expect(again.status).toBe('skipped');
    expect([(await a).status, (await b).status]).toEqual(['success', 'success']);
    expect(order).toEqual(['ingest:start', 'ingest:end', 'build']);
    await scheduler.stop();
  });

  it('leaves out a configured schedule that has no job yet', () => {
    const jobs = jobsFromConfig(
      { ingest: '*/15 * * * *', build: '30 2 * * *', report: '0 8 1 * *' },
      {
        ingest: async () => undefined,
        build: async () => undefined,
      },
      silentLog(),
    );
    expect(jobs.map((j) => j.name)).toEqual(['ingest', 'build']);
  });

  it('refuses an invalid cron expression at start-up', () => {
    expect(() =>
      createScheduler({
        timezone: 'Asia/Shanghai',
        log: silentLog(),
        jobs: [{ name: 'build', cron: '61 * * * *', run: async () => 0 }],
      }),
    ).toThrow(/schedule for build is not a valid cron expression/);
  });

  it('finishes the running job on SIGTERM, then exits cleanly', async () => {
    const file = join(tempDir('sched'), 'schedule.jsonl');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && resolve()),
    );
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const runs = readJobRuns(file);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ job: 'build', status: 'success' });
    expect(runs[0]!.seconds).toBeGreaterThan(1.4);
  });
});
