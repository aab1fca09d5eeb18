/**
 * DIR/run/: how other processes find a running `sentinel start` of the same data directory.
 * start.json (pid, control port, scheduler status; readable by whoever reads DIR) and control.token
 * (a random secret, mode 0600 in a 0700 folder: only the account that runs sentinel can ask for work).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { paths } from '../../lib/dataDir.js';
import type { SchedulerStatus } from './scheduler.js';

export const runDir = paths.runFolder;
export const startFile = paths.startState;
export const tokenFile = paths.controlToken;

export interface StartState {
  pid: number;
  /** Loopback port of the control endpoint (not the public server's). */
  control_port: number;
  /** Public URL of the dashboards and API. */
  url: string;
  started_at: string;
  timezone: string;
  schedules: Array<{ job: string; cron: string }>;
  stopping: boolean;
  status: Omit<SchedulerStatus, 'recent'>;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive but someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readStartState(dataDir: string): StartState | null {
  const file = startFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StartState;
  } catch {
    // Never half-written (renamed into place), so unreadable means someone edited it: treat as absent.
    return null;
  }
}

/** The running `sentinel start` of this data directory, or null when none (a stale file is ignored). */
export function liveStartState(dataDir: string): StartState | null {
  const s = readStartState(dataDir);
  return s && isAlive(s.pid) ? s : null;
}

export function writeStartState(dataDir: string, state: StartState): void {
  const file = startFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

export function createToken(dataDir: string): string {
  mkdirSync(runDir(dataDir), { recursive: true, mode: 0o700 });
  chmodSync(runDir(dataDir), 0o700);
  const token = randomBytes(32).toString('hex');
  rmSync(tokenFile(dataDir), { force: true });
  writeFileSync(tokenFile(dataDir), `${token}\n`, { mode: 0o600, flag: 'wx' });
  return token;
}

export function readToken(dataDir: string): string {
  return readFileSync(tokenFile(dataDir), 'utf8').trim();
}

export function clearRunState(dataDir: string): void {
  rmSync(startFile(dataDir), { force: true });
  rmSync(tokenFile(dataDir), { force: true });
}
