import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readJobRuns, scheduleLogPath } from '../../pipelines/schedule/record.js';
import { readStartState, runDir, startFile, tokenFile } from '../../pipelines/schedule/runState.js';
import {
  AS_OF,
  BIN,
  dataDirWithSchedules,
  deliverSample,
  sentinel,
  startChild,
  waitFor,
  type StartChild,
} from './helpers.js';

let start: StartChild | undefined;
afterEach(async () => {
  if (start && start.child.exitCode === null) {
    start.child.kill('SIGKILL');
    await start.exited;
  }
  start = undefined;
});

const runs = (dataDir: string) => readJobRuns(scheduleLogPath(dataDir));

describe('sentinel start', () => {
  it('serves, ingests on its schedule, runs commands of other processes in its queue, records a failure and goes on, and stops on SIGTERM after the running job', async () => {
    // Ingest every 2 seconds; the nightly build never fires during the test: builds are asked for.
    const { dataDir, config } = dataDirWithSchedules({ ingest: '*/2 * * * * *', build: '0 0 1 1 *' });
    start = await startChild(dataDir, config);
    const state = readStartState(dataDir)!;
    expect(state.pid).toBe(start.child.pid);
    expect(state.schedules.map((s) => s.job)).toEqual(['ingest', 'build', 'screening_report']);
    expect(statSync(tokenFile(dataDir)).mode & 0o777).toBe(0o600);
    expect((await fetch(`${start.url}/healthz`)).status).toBe(503);

    // A build before anything was ingested fails: the caller sees why, and so does the run record.
    const early = await sentinel(dataDir, ['build']).done;
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('the warehouse lacks source table(s)');
    expect(runs(dataDir).find((r) => r.job === 'build')).toMatchObject({ trigger: 'delegated', status: 'failed' });

    // The next scheduled ingest still runs and takes the delivered extracts.
    deliverSample(dataDir);
    const loaded = await waitFor('the scheduled ingest', () =>
      runs(dataDir).find(
        (r) =>
          r.job === 'ingest' &&
          r.trigger === 'scheduled' &&
          r.status === 'success' &&
          /^15 inbox file/.test(r.message ?? ''),
      ),
    );
    expect(loaded.message).toBe('15 inbox file(s) loaded');
    expect(existsSync(join(dataDir, 'archive', 'penalties'))).toBe(true);

    // Commands of other processes run in the queue of sentinel start rather than fighting it for the warehouse.
    const ingest = await sentinel(dataDir, ['ingest']).done;
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain('source\tfiles\tunchanged');
    expect(ingest.stderr).toContain('sentinel start is running on this data directory');
    const build = await sentinel(dataDir, ['build']).done;
    expect(build.code, build.stderr).toBe(0);
    const buildId = /published build (\S+) \(as-of 2025-06-30\)/.exec(build.stdout)?.[1];
    expect(buildId).toBeDefined();
    expect(
      runs(dataDir)
        .filter((r) => r.trigger === 'delegated')
        .map((r) => `${r.job}:${r.status}`),
    ).toEqual(['build:failed', 'ingest:success', 'build:success']);
    const health = await fetch(`${start.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', build_id: buildId, as_of: AS_OF });

    // user and export never open the warehouse for writing: they work beside it directly.
    expect(
      (await sentinel(dataDir, ['user', 'add', 'ops', '--role', 'admin'], 'a long enough password\n').done).code,
    ).toBe(0);
    expect(
      (await sentinel(dataDir, ['user', 'add', 'ana', '--role', 'analyst'], 'a long enough password\n').done).code,
    ).toBe(0);
    const token = (await sentinel(dataDir, ['user', 'token', 'ops']).done).stdout.trim();
    const analystToken = (await sentinel(dataDir, ['user', 'token', 'ana']).done).stdout.trim();
    const exported = await sentinel(dataDir, ['export', 'indicators', '--format', 'json']).done;
    expect(exported.code, exported.stderr).toBe(0);
    expect((JSON.parse(exported.stdout) as unknown[]).length).toBeGreaterThan(0);
    const report = await sentinel(dataDir, [
      'report',
      'screening',
      '--period',
      '2025-06',
      '--out',
      join(dataDir, 'out'),
    ]).done;
    expect(report.code, report.stderr).toBe(0);
    expect(existsSync(join(dataDir, 'out', 'screening-2025-06.docx'))).toBe(true);

    // The admin sees the scheduler and the failed run; other roles may not.
    const ops = await fetch(`${start.url}/api/v1/ops/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(ops.status).toBe(200);
    const status = (await ops.json()) as {
      scheduler: { status: string; pid: number };
      last_failure: { job: string };
      last_success: { build: { message: string } };
    };
    expect(status.scheduler).toMatchObject({ status: 'running', pid: start.child.pid });
    expect(status.last_failure.job).toBe('build');
    expect(status.last_success.build.message).toBe(`published build ${buildId} (as-of ${AS_OF})`);
    expect(
      (await fetch(`${start.url}/api/v1/ops/status`, { headers: { authorization: `Bearer ${analystToken}` } })).status,
    ).toBe(403);

    // A second sentinel start on the same data directory is refused.
    const second = spawnSync(
      process.execPath,
      [BIN, '--data-dir', dataDir, '--config', config, 'start', '--port', '0'],
      { encoding: 'utf8' },
    );
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`sentinel start is already running on ${dataDir} (PID ${start.child.pid}`);

    // SIGTERM while a build runs: the build finishes and is answered, then the process exits 0.
    const late = sentinel(dataDir, ['build']);
    await waitFor('the delegated build to start', () => readStartState(dataDir)?.status.running === 'build');
    start.child.kill('SIGTERM');
    expect(await start.exited).toBe(0);
    const lateDone = await late.done;
    expect(lateDone.code, lateDone.stderr).toBe(0);
    expect(lateDone.stdout).toMatch(/published build \S+ \(as-of 2025-06-30\)/);
    expect(runs(dataDir).at(-1)).toMatchObject({ job: 'build', trigger: 'delegated', status: 'success' });
    expect(existsSync(startFile(dataDir))).toBe(false);
    expect(start.stderr()).toContain('scheduler stopped');
  }, 240_000);

  it('lets the commands do the work themselves when the recorded sentinel start is dead or its pid belongs to another process', async () => {
    const { dataDir } = dataDirWithSchedules({ ingest: '*/15 * * * *', build: '30 2 * * *' });
    deliverSample(dataDir);
    const gone = spawnSync(process.execPath, ['-e', '0']);
    mkdirSync(runDir(dataDir), { recursive: true });
    writeFileSync(startFile(dataDir), JSON.stringify({ pid: gone.pid, control_port: 9, url: 'http://localhost:1' }));
    const ingest = await sentinel(dataDir, ['ingest']).done;
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/^penalties\t1\t0\t0\t/m);
    expect(ingest.stderr).not.toContain('sentinel start is running');

    // The pid is alive again (reused after a crash) but nothing listens: still the command's own work.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    writeFileSync(
      startFile(dataDir),
      JSON.stringify({ pid: process.pid, control_port: port, url: 'http://localhost:1' }),
    );
    writeFileSync(tokenFile(dataDir), 'stale\n', { mode: 0o600 });
    deliverSample(dataDir);
    const again = await sentinel(dataDir, ['ingest']).done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('the recorded sentinel start does not listen; doing the work here');
    expect(again.stdout).toMatch(/^penalties\t0\t1\t0\t/m);
  }, 60_000);
});
