/**
 * Runs warehouse work in a child process (`sentinel start-job`). Why not in the server's process: a
 * DuckDB file lock belongs to the process, so a read-only open by the server (quarantine, build history)
 * while a job writes the warehouse would succeed, read a stale file, and on close drop the job's lock —
 * letting another process open the file. In a child, the server's reads are refused as 'locked' (503,
 * retry) like any other process's, and a job that runs out of memory cannot take the server down.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkOutcome, WorkRequest } from './work.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
export const CHILD_COMMAND = 'start-job';

/** The work ran and did not succeed (a refused file, an unpublished build); the outcome says why. */
export class WorkFailed extends Error {
  constructor(readonly outcome: WorkOutcome) {
    super(outcome.message);
    this.name = 'WorkFailed';
  }
}

export interface ChildSettings {
  dataDir: string;
  configPath: string | undefined;
  logLevel: string;
}

export function childArgs(req: WorkRequest & { asOf: string }, s: ChildSettings): string[] {
  return [
    BIN,
    '--data-dir',
    s.dataDir,
    '--as-of',
    req.asOf,
    '--log-level',
    s.logLevel,
    ...(s.configPath ? ['--config', s.configPath] : []),
    CHILD_COMMAND,
    JSON.stringify(req),
  ];
}

export function runWorkInChild(req: WorkRequest & { asOf: string }, s: ChildSettings): Promise<WorkOutcome> {
  return new Promise((resolve, reject) => {
    // Its own process group: a Ctrl-C meant for `sentinel start` must not kill the job it is waiting for.
    const child = spawn(process.execPath, childArgs(req, s), { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').pop() ?? '';
      let outcome: WorkOutcome | null = null;
      try {
        outcome = JSON.parse(line) as WorkOutcome;
      } catch {
        outcome = null;
      }
      if (code !== 0 || !outcome) {
        return reject(
          new Error(
            `the ${req.job} process ended without a result (exit code ${code}${signal ? `, signal ${signal}` : ''}); see its log above`,
          ),
        );
      }
      if (!outcome.ok) return reject(new WorkFailed(outcome));
      resolve(outcome);
    });
  });
}
