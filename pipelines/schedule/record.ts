/**
 * Job runs as JSON lines in DIR/runs/schedule.jsonl: appending needs no DuckDB lock, so a run is
 * recorded even when the job that failed was the one holding (or unable to take) the warehouse.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JobRun } from './scheduler.js';

export const scheduleLogPath = (dataDir: string): string => join(dataDir, 'runs', 'schedule.jsonl');

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
