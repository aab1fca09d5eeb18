/** Runs one data test: the number of failing rows, and a few of them to show what went wrong. */
import type { Db } from '../../lib/db.js';
import type { CompiledTest } from './compile.js';
import type { TestRecord } from './records.js';

const SAMPLE_ROWS = 5;

export async function runTest(db: Db, t: CompiledTest, buildId: string, trace?: string[]): Promise<TestRecord> {
  const started = performance.now();
  const base = {
    build_id: buildId,
    test: t.test.name,
    kind: t.test.kind,
    models: t.test.models,
    severity: t.test.severity,
  };
  const countSql = `select count(*) as failures from (\n${t.sql}\n) as failing`;
  try {
    trace?.push(countSql);
    const failures = await db.value<number>(countSql);
    const sample = failures > 0 ? await db.all(`select * from (\n${t.sql}\n) as failing limit ${SAMPLE_ROWS}`) : [];
    const status = failures === 0 ? 'pass' : t.test.severity === 'warn' ? 'warn' : 'fail';
    return {
      ...base,
      status,
      failures,
      sample: JSON.stringify(sample),
      seconds: (performance.now() - started) / 1000,
      message: null,
    };
  } catch (e) {
    return {
      ...base,
      status: 'error',
      failures: 0,
      sample: '[]',
      seconds: (performance.now() - started) / 1000,
      message: (e as Error).message,
    };
  }
}
