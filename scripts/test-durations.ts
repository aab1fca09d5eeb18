/**
 * `npx vitest run 2>&1 | tee RUN.txt; npx tsx scripts/test-durations.ts RUN.txt [--load TEXT]`: writes
 * test/sequence/durations.json, the table test/sequence/sequencer.ts orders the test files by, from the
 * default reporter's output of a whole run (one line per file with its duration, set-up hooks included:
 * the JSON reporter's file times leave out beforeAll, most of a world-building file's time), and prints
 * how two and three workers would divide those files in path order and longest first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { longestFirst } from '../test/sequence/sequencer.js';

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

/** `file → seconds` from the default reporter's lines ` ✓ test/a.test.ts (3 tests) 1234ms` (colours removed). */
export function fileSeconds(output: string): Record<string, number> {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const seconds: Record<string, number> = {};
  for (const m of plain.matchAll(/^ [✓×↓] (test\/\S+\.test\.ts) \([^)]*\) (\d+(?:\.\d+)?)(ms|s)$/gmu)) {
    seconds[m[1]!] = Math.round(Number(m[2]) / (m[3] === 'ms' ? 100 : 0.1)) / 10;
  }
  return seconds;
}

const [runPath] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!runPath) throw new Error('usage: test-durations.ts RUN.txt [--load TEXT]');
const at = process.argv.indexOf('--load');
const load = at > 0 ? process.argv[at + 1] : undefined;
const output = readFileSync(runPath, 'utf8');
const seconds = fileSeconds(output);
const files = Object.keys(seconds).sort();
if (files.length === 0) throw new Error(`no file lines in ${runPath}: run with the default reporter`);
const table = {
  note: 'Seconds per test file of one whole run (scripts/test-durations.ts); test/sequence/sequencer.ts runs the longest first.',
  ...(load ? { load_average: load } : {}),
  seconds: Object.fromEntries(files.map((f) => [f, seconds[f]!])),
};
writeFileSync(TABLE, `${JSON.stringify(table, null, 2)}\n`);

const total = files.reduce((n, f) => n + seconds[f]!, 0);
const longest = longestFirst(files, (f) => f, seconds);
const split = (order: readonly string[], w: number) => `${makespan(order, seconds, w).toFixed(0)} s`;
process.stdout.write(
  [
    `${files.length} files, ${total.toFixed(0)} s of file time (${(total / 2).toFixed(0)} s per worker at best on two)`,
    `path order: ${split(files, 2)} on 2 workers, ${split(files, 3)} on 3`,
    `longest first: ${split(longest, 2)} on 2 workers, ${split(longest, 3)} on 3`,
    '(the same file times throughout: a third worker on two cores also makes each file slower)',
    `longest: ${longest
      .slice(0, 10)
      .map((f) => `${f} ${seconds[f]} s`)
      .join(', ')}`,
    `wrote ${relative(ROOT, TABLE)}`,
    '',
  ].join('\n'),
);
