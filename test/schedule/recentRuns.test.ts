import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recentJobRuns } from '../../pipelines/schedule/record.js';
import type { JobRun } from '../../pipelines/schedule/scheduler.js';

const run = (i: number, status: JobRun['status']): JobRun => ({
  run_id: `r${i}`,
  job: i === 0 ? 'build' : 'ingest',
  trigger: 'scheduled',
  status,
  started_at: '2025-06-30T18:30:00.000Z',
  finished_at: '2025-06-30T18:30:01.000Z',
  seconds: 1,
  message: i === 0 ? 'not published' : 'no new files in the inbox',
});

describe('recent job runs', () => {
  it('reads the newest runs from the end of a long log, newest first, skipping the cut first line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'runs-')), 'schedule.jsonl');
    const lines = [run(0, 'failed'), ...Array.from({ length: 3000 }, (_, i) => run(i + 1, 'success'))].map((r) =>
      JSON.stringify(r),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const newest = recentJobRuns(file, 50, 64 * 1024);
    expect(newest).toHaveLength(50);
    expect(newest[0]!.run_id).toBe('r3000');
    expect(newest[49]!.run_id).toBe('r2951');
    // a tail that starts mid-line still parses: the partial line is dropped
    const tail = recentJobRuns(file, 100_000, 10_000);
    expect(tail.length).toBeGreaterThan(10);
    expect(tail.every((r) => r.run_id.startsWith('r'))).toBe(true);
    // a failure 3000 runs back (a month of 15-minute ingests) is found when the whole file fits the window
    expect(recentJobRuns(file, 5000, 4 * 1024 * 1024).find((r) => r.status === 'failed')?.run_id).toBe('r0');
  });

  it('is empty when nothing ran yet', () => {
    expect(recentJobRuns(join(tmpdir(), 'no-such-dir', 'schedule.jsonl'), 10)).toEqual([]);
  });
});
