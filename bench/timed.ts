/** A command run under GNU time (`/usr/bin/time -v`): its wall time, peak RSS and how it ended. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const GNU_TIME = '/usr/bin/time';

export interface TimedRun {
  /** The command's exit code (GNU time's "Exit status"), null when a signal ended it. */
  code: number | null;
  /** The signal that ended the command (e.g. SIGKILL from the OOM killer), else null. */
  signal: string | null;
  seconds: number;
  peakRssMb: number | null;
  stdout: string;
  stderr: string;
}

const signalName = (n: number): string =>
  Object.entries(constants.signals).find(([, v]) => v === n)?.[0] ?? `signal ${n}`;

/**
 * Runs a command under GNU time when present and reads its wall time and peak RSS; never throws for a
 * failed command (a non-zero exit or a signal is in the result). `onStderrLine` sees each stderr line
 * as it arrives, for progress on long runs.
 */
export async function runTimed(
  cmd: string,
  args: readonly string[],
  opts: { onStderrLine?: (line: string) => void } = {},
): Promise<TimedRun> {
  const useTime = existsSync(GNU_TIME);
  const [bin, ...rest] = useTime ? [GNU_TIME, '-v', cmd, ...args] : [cmd, ...args];
  const started = performance.now();
  const r = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const p = spawn(bin as string, rest, {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, TZ: 'Asia/Shanghai' },
      });
      let o = '';
      let e = '';
      let partial = '';
      p.stdout.setEncoding('utf8').on('data', (d: string) => (o += d));
      p.stderr.setEncoding('utf8').on('data', (d: string) => {
        e += d;
        if (!opts.onStderrLine) return;
        const lines = (partial + d).split('\n');
        partial = lines.pop() ?? '';
        for (const l of lines) opts.onStderrLine(l);
      });
      p.on('error', reject);
      p.on('close', (code, signal) => resolve({ code, signal, stdout: o, stderr: e }));
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const killed = /Command terminated by signal (\d+)/.exec(r.stderr);
  const exit = /Exit status: (\d+)/.exec(r.stderr);
  return {
    code: killed ? null : exit ? Number(exit[1]) : r.code,
    signal: killed ? signalName(Number(killed[1])) : r.signal,
    seconds,
    peakRssMb: rss ? Number(rss[1]) / 1024 : null,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

/** The last `n` lines of a command's stderr before GNU time's report. */
export function stderrTail(stderr: string, n = 15): string {
  const own = stderr.split(/\n(?=Command (?:exited|terminated)|\tCommand being timed:)/)[0] ?? stderr;
  return own.trim().split('\n').slice(-n).join('\n');
}

/** runTimed for a step that must succeed: throws with the end of stderr when the command fails. */
export async function timed(cmd: string, args: readonly string[]): Promise<TimedRun> {
  const r = await runTimed(cmd, args);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.signal ?? `exit ${r.code}`}):\n${stderrTail(r.stderr)}`);
  }
  return r;
}
