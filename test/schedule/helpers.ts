/** A real `sentinel start` child on a loopback port, and the commands run beside it as other processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
export const SAMPLE_INBOX = fileURLToPath(new URL('../../data/sample/inbox/', import.meta.url));
export const AS_OF = '2025-06-30';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A data directory with an empty inbox and a config override with the given schedules. */
export function dataDirWithSchedules(schedules: Record<string, string>): { dataDir: string; config: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'start-'));
  mkdirSync(join(dataDir, 'inbox'), { recursive: true });
  const config = join(dataDir, 'override.yaml');
  writeFileSync(
    config,
    `schedules:\n${Object.entries(schedules)
      .map(([k, v]) => `  ${k}: '${v}'`)
      .join('\n')}\n`,
  );
  return { dataDir, config };
}

export function deliverSample(dataDir: string): void {
  cpSync(SAMPLE_INBOX, join(dataDir, 'inbox'), { recursive: true });
  // Delivered well before now: a file modified within ingest.settle_seconds is left as still being written.
  const delivered = new Date(`${AS_OF}T20:00:00+08:00`);
  for (const f of readdirSync(join(dataDir, 'inbox'), { recursive: true, withFileTypes: true }))
    if (f.isFile()) utimesSync(join(f.parentPath, f.name), delivered, delivered);
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sentinel …` as its own process without blocking this one (the start child keeps running). */
export function sentinel(
  dataDir: string,
  args: string[],
  input = '',
): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, '--as-of', AS_OF, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end(input);
  const done = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

export interface StartChild {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

export async function startChild(dataDir: string, config: string): Promise<StartChild> {
  const child = spawn(
    process.execPath,
    [BIN, '--data-dir', dataDir, '--as-of', AS_OF, '--config', config, 'start', '--port', '0', '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/localhost:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`sentinel start exited with ${code}: ${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
