/**
 * `npx tsx scripts/test-durations.ts REPORT.json [--load "5.1 → 7.9"]`: writes test/sequence/durations.json,
 * the table test/sequence/sequencer.ts orders the test files by, from the JSON report of a whole run
 * (`npx vitest run --reporter=default --reporter=json --outputFile=REPORT.json`), and prints how two and
 * three workers would divide those files taken longest first against the order the run used.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { longestFirst } from '../test/sequence/sequencer.js';

interface Report {
  startTime: number;
  numTotalTests: number;
  testResults: Array<{ name: string; startTime: number; endTime: number; status: string }>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TABLE = fileURLToPath(new URL('../test/sequence/durations.json', import.meta.url));

/** The wall time of `files` on `workers` workers, each taking the next file when it is free. */
export function makespan(files: readonly string[], seconds: Readonly<Record<string, number>>, workers: number): number {
  const free = Array.from({ length: workers }, () => 0);
  for (const f of files) {
    const i = free.indexOf(Math.min(...free));
    free[i]! += seconds[f] ?? 0;
  }
  return Math.max(...free);
}

const [reportPath] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!reportPath) throw new Error('usage: test-durations.ts REPORT.json [--load TEXT]');
const at = process.argv.indexOf('--load');
const load = at > 0 ? process.argv[at + 1] : undefined;
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
const ran = [...report.testResults].sort((a, b) => a.startTime - b.startTime);
const seconds: Record<string, number> = {};
for (const r of ran) {
  seconds[relative(ROOT, r.name).split('\\').join('/')] = Math.round((r.endTime - r.startTime) / 100) / 10;
}
const sorted = Object.fromEntries(Object.entries(seconds).sort(([a], [b]) => a.localeCompare(b)));
const table = {
  note: 'Seconds per test file of one whole run (scripts/test-durations.ts); test/sequence/sequencer.ts runs the longest first.',
  measured: new Date(report.startTime).toISOString(),
  ...(load ? { load_average: load } : {}),
  seconds: sorted,
};
writeFileSync(TABLE, `${JSON.stringify(table, null, 2)}\n`);

const files = Object.keys(seconds);
const inRunOrder = ran.map((r) => relative(ROOT, r.name).split('\\').join('/'));
const total = files.reduce((n, f) => n + seconds[f]!, 0);
const wall = (Math.max(...ran.map((r) => r.endTime)) - report.startTime) / 1000;
process.stdout.write(
  [
    `${files.length} files, ${report.numTotalTests} tests, ${total.toFixed(0)} s of file time, ${wall.toFixed(0)} s wall`,
    `the run's order on 2 workers: ${makespan(inRunOrder, seconds, 2).toFixed(0)} s`,
    ...[2, 3].map(
      (w) =>
        `longest first on ${w} workers: ${makespan(
          longestFirst(files, (f) => f, seconds),
          seconds,
          w,
        ).toFixed(0)} s` + ` (the same files' times; more workers on two cores make each file slower)`,
    ),
    `longest: ${longestFirst(files, (f) => f, seconds)
      .slice(0, 8)
      .map((f) => `${f} ${seconds[f]} s`)
      .join(', ')}`,
    `wrote ${relative(ROOT, TABLE)}`,
    '',
  ].join('\n'),
);
