/** The data-tests phase: the tests of the selected models, unless a model they read failed. */
import type { BuildContext } from './build-context.js';
import type { TestRecord } from './records.js';
import { runTest } from './run-test.js';

export async function runDataTests(
  { db, opts, plan }: BuildContext,
  failed: ReadonlySet<string>,
): Promise<TestRecord[]> {
  const tests: TestRecord[] = [];
  for (const t of plan.compiled.tests) {
    if (!t.test.models.some((m) => plan.selected.has(m))) continue;
    if (t.test.models.some((m) => failed.has(m))) continue;
    const r = await runTest(db, t, plan.buildId, opts.trace);
    tests.push(r);
    if (r.status !== 'pass')
      opts.log.warn({ test: r.test, status: r.status, failures: r.failures, message: r.message }, 'data test');
  }
  return tests;
}
