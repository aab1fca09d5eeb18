/**
 * Orders the test files longest first by the committed table of their durations (test/sequence/durations.json),
 * so that with two workers the long files start at once and the short ones fill in at the end, whatever
 * the results cache holds. Vitest's own order uses its cache (node_modules/.vite/vitest/…/results.json):
 * without one every file is "unknown" and they run in the order they were found, alphabetically, so the
 * longest files of test/models and test/server started last and one worker ran on alone.
 *
 * A file missing from the table (a new one) is given the table's median; `npx tsx scripts/test-durations.ts`
 * rewrites the table from a run's JSON report.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const TABLE = new URL('./durations.json', import.meta.url);

export function readDurations(): Record<string, number> {
  return (JSON.parse(readFileSync(TABLE, 'utf8')) as { seconds: Record<string, number> }).seconds;
}

/** Seconds to expect of each file: its entry in the table, or the table's median for a file not in it. */
export function expectedSeconds(seconds: Readonly<Record<string, number>>): (file: string) => number {
  const known = Object.values(seconds).sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)]! : 0;
  return (file) => seconds[file] ?? median;
}

/** Longest expected first, ties by path (the order is the same from run to run). */
export function longestFirst<T>(items: readonly T[], file: (item: T) => string, seconds: Record<string, number>): T[] {
  const of = expectedSeconds(seconds);
  return [...items].sort((a, b) => of(file(b)) - of(file(a)) || file(a).localeCompare(file(b)));
}

export default class DurationSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    return longestFirst(files, (f) => relative(root, f.moduleId).split('\\').join('/'), readDurations());
  }
}
