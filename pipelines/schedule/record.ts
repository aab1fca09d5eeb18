/**
 * Job runs as JSON lines in DIR/runs/schedule.jsonl: appending needs no DuckDB lock, so a run is
 * recorded even when the job that failed was the one holding (or unable to take) the warehouse.
 */
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import type { JobRun } from './scheduler.js';

export const scheduleLogPath = paths.scheduleLog;

export function jsonlRecorder(file: string): (run: JobRun) => void {
  return (run) => {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify(run)}\n`);
  };
}

export function readJobRuns(file: string): JobRun[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JobRun);
}

/** The last `n` runs, newest first, reading only the end of the file (it grows by every 15-minute ingest). */
export function recentJobRuns(file: string, n: number, tailBytes = 256 * 1024): JobRun[] {
  if (!existsSync(file)) return [];
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - tailBytes);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n').filter(Boolean);
    // The first line of a cut tail is usually partial.
    if (start > 0) lines.shift();
    return lines
      .slice(-n)
      .reverse()
      .map((l) => JSON.parse(l) as JobRun);
  } finally {
    closeSync(fd);
  }
}
