import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { readIssued } from '../../lib/followUp/history.js';
import { runMonthlyScreening, screeningCron } from '../../pipelines/report/schedule.js';
import { World } from '../models/world.js';
import { B, C, deliverCounty } from './scenario.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));

function sentinel(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--log-level', 'silent', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let cliWorld: World;
let jobWorld: World;
beforeAll(async () => {
  cliWorld = deliverCounty(new World());
  jobWorld = deliverCounty(new World());
  for (const w of [cliWorld, jobWorld]) {
    await w.ingest();
    await w.build('2025-06-30');
  }
}, 300_000);

describe('sentinel report screening', () => {
  it('writes the documents into the data directory, records the report and prints a summary', async () => {
    const run = await sentinel(['--data-dir', cliWorld.dir, 'report', 'screening', '--period', '2025-06', '--no-pdf']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^信用办〔2025〕1号 \(2025-06, as of 2025-06-30\): 4 entities \(3 new, 1 still listed, 1 no longer listed, 1 persistent\), 5 departments, due 2025-07-14$/m,
    );
    for (const ext of ['docx', 'xlsx', 'html'])
      expect(existsSync(join(cliWorld.dir, 'reports', '2025-06', `screening-2025-06.${ext}`))).toBe(true);
    expect(run.stdout).toContain('no PDF: disabled');
    expect(readIssued(cliWorld.dir).map((r) => r.report_no)).toEqual(['信用办〔2025〕1号']);
  }, 120_000);

  it('exits 1 with a message for a malformed period, a second report of a month and a differing --as-of', async () => {
    const bad = await sentinel(['--data-dir', cliWorld.dir, 'report', 'screening', '--period', '2025-13']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--period must be YYYY-MM, got "2025-13"');
    const again = await sentinel(['--data-dir', cliWorld.dir, 'report', 'screening', '--period', '2025-06']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('the report for 2025-06 was already issued as 信用办〔2025〕1号');
    const asOf = await sentinel([
      '--data-dir',
      cliWorld.dir,
      '--as-of',
      '2025-07-01',
      'report',
      'brief',
      '--period',
      '2025-06',
    ]);
    expect(asOf.status).toBe(1);
    expect(asOf.stderr).toContain('--as-of 2025-07-01 differs from the published build, which is as of 2025-06-30');
  }, 120_000);
});

describe('sentinel report action and follow-up', () => {
  it('records an action and lists assignments and completion with their status at as-of', async () => {
    const TAX = '国家税务总局厦门市海沧区税务局';
    const act = await sentinel([
      '--data-dir',
      cliWorld.dir,
      'report',
      'action',
      '--report',
      '信用办〔2025〕1号',
      '--uscc',
      C.uscc,
      '--department',
      TAX,
      '--measure',
      '培训',
      '--date',
      '2025-07-08',
      '--note',
      '已组织信用修复培训',
    ]);
    expect(act.status, act.stderr).toBe(0);
    expect(act.stdout).toContain(`recorded 培训 on 2025-07-08 for ${C.uscc}`);
    const list = await sentinel([
      '--data-dir',
      cliWorld.dir,
      '--as-of',
      '2025-07-15',
      'report',
      'follow-up',
      '--department',
      TAX,
      '--format',
      'json',
    ]);
    expect(list.status, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.uscc, r.status, r.action_date])).toEqual([
      [B.uscc, 'overdue', null],
      [C.uscc, 'done', '2025-07-08'],
    ]);
    const completion = await sentinel([
      '--data-dir',
      cliWorld.dir,
      '--as-of',
      '2025-07-15',
      'report',
      'follow-up',
      '--completion',
      '--format',
      'json',
    ]);
    expect((JSON.parse(completion.stdout) as Array<Record<string, unknown>>).find((r) => r.department === TAX)).toEqual(
      {
        department: TAX,
        assigned: 2,
        done: 1,
        pending: 0,
        overdue: 1,
        completion_rate: 0.5,
        done_late: 0,
      },
    );
    const refused = await sentinel([
      '--data-dir',
      cliWorld.dir,
      'report',
      'action',
      '--report',
      '信用办〔2025〕1号',
      '--uscc',
      C.uscc,
      '--department',
      '海沧海关',
      '--measure',
      '告知',
      '--date',
      '2025-07-08',
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`does not assign ${C.uscc} to 海沧海关`);
  }, 120_000);
});

describe('monthly screening job of sentinel start', () => {
  it('runs on the configured day and time of the month', () => {
    expect(screeningCron(loadConfig())).toBe('0 9 5 * *');
    expect(screeningCron(loadConfig({ override: { reports: { day_of_month: 3, time: '07:30' } } }))).toBe('30 7 3 * *');
  });

  it("issues the previous month's report once, however often it runs", async () => {
    const opts = {
      dataDir: jobWorld.dir,
      config: loadConfig(),
      log: silentLog(),
      now: () => new Date('2025-07-05T01:00:00Z'),
    };
    const first = await runMonthlyScreening(opts);
    expect(first?.report.period).toBe('2025-06');
    expect(await runMonthlyScreening(opts)).toBeNull();
    expect(readIssued(jobWorld.dir).map((r) => r.period)).toEqual(['2025-06']);
  }, 120_000);
});
