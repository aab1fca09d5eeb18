import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileOutcome } from '../pipelines/ingest/run.js';

const CHILD = fileURLToPath(new URL('./ingestChild.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../', import.meta.url));
const GNU_TIME = '/usr/bin/time';

export interface ChildIngest {
  /** Wall time of the ingest() call inside the child (no Node start-up). */
  seconds: number;
  /** Wall time of the whole child process, start-up included. */
  processSeconds: number;
  /** Peak RSS of the child: GNU time's figure when available, else the child's own maxRSS. */
  peakRssKb: number;
  rssSource: 'gnu-time' | 'resourceUsage';
  outcomes: FileOutcome[];
  /** Seconds per phase of a one-file run, read from the ingest's own progress log; empty when not found. */
  phases: Partial<Record<Phase, number>>;
}

export type Phase = 'open' | 'read' | 'validate' | 'finish';

/**
 * The ingest logs "<file>: reading", "<file>: N rows read" and "<file>: N loaded, …": the
 * gaps between them split its time into opening the warehouse, reading the file into DuckDB
 * (hashing, transcoding, parsing), landing into landing.<source>, and the checkpoint at the end.
 */
export function phasesOf(stderr: string, startedAt: number, finishedAt: number): Partial<Record<Phase, number>> {
  const at = (re: RegExp): number | null => {
    for (const line of stderr.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const l = JSON.parse(line) as { time?: string; msg?: string };
        if (l.time && l.msg && re.test(l.msg)) return Date.parse(l.time);
      } catch {
        // GNU time's report shares stderr
      }
    }
    return null;
  };
  const reading = at(/: reading /);
  const validating = at(/: \d+ rows read/);
  const loaded = at(/ loaded, \d+ quarantined in /);
  if (reading === null || validating === null || loaded === null) return {};
  return {
    open: (reading - startedAt) / 1000,
    read: (validating - reading) / 1000,
    validate: (loaded - validating) / 1000,
    finish: (finishedAt - loaded) / 1000,
  };
}

/** Runs the ingest of `dataDir` in a child process and reads its result and peak memory. */
export async function ingestInChild(dataDir: string): Promise<ChildIngest> {
  const node = [process.execPath, '--import', 'tsx', CHILD, dataDir, 'info'];
  const useTime = existsSync(GNU_TIME);
  const [cmd, ...args] = useTime ? [GNU_TIME, '-v', ...node] : node;
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(cmd!, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
    },
  );
  const processSeconds = (performance.now() - started) / 1000;
  const last = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{')) {
    throw new Error(`ingest child failed (exit ${code}): ${stderr.trim().split('\n').slice(-8).join('\n')}`);
  }
  const result = JSON.parse(last) as {
    seconds: number;
    maxRssKb: number;
    startedAt: number;
    finishedAt: number;
    outcomes: FileOutcome[];
  };
  const timed = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr) : null;
  return {
    seconds: result.seconds,
    processSeconds,
    peakRssKb: timed ? Number(timed[1]) : result.maxRssKb,
    rssSource: timed ? 'gnu-time' : 'resourceUsage',
    outcomes: result.outcomes,
    phases: phasesOf(stderr, result.startedAt, result.finishedAt),
  };
}
