/**
 * The build's bookkeeping: its row in the warehouse's runs.builds while it runs, and the records of its
 * models and tests, in the build file and the warehouse, once it has a verdict.
 */
import { paths } from '../../lib/dataDir.js';
import { literal, type Db } from '../../lib/db.js';
import { installMacros } from '../../lib/sql/macros.js';
import type { BuildContext } from './build-context.js';
import { ensureModelState } from './fingerprints.js';
import { PREVIOUS, WAREHOUSE } from './materialize.js';
import {
  ensureRecordTables,
  insertModelRecords,
  insertTestRecords,
  type BuildStatus,
  type ModelRecord,
  type TestRecord,
} from './records.js';
import { ensureSyncState } from './source-sync.js';
import { markInterrupted } from '../ingest/interrupted.js';

/** Prepares the open build file: macros, the attached warehouse and previous build, the running record. */
export async function openRecords({ db, opts, plan, now }: BuildContext): Promise<void> {
  // Models normalise and validate with the same cs_ macros as the ingest; they live in the build file.
  await installMacros(db, opts.config);
  await db.run(`attach ${literal(paths.warehouse(opts.dataDir))} as ${WAREHOUSE}`);
  await ensureRecordTables(db, `${WAREHOUSE}.`);
  // One writer per warehouse file: a 'running' build or ingest found now belongs to a process that died.
  await markInterrupted(db, `${WAREHOUSE}.`);
  await db.run(
    `insert into ${WAREHOUSE}.runs.builds values (?, ?::date, ?::timestamptz, null, 'running', ?, ?, null)`,
    [plan.buildId, opts.asOf, now().toISOString(), opts.select?.join(' ') ?? null, opts.fullRefresh ?? false],
  );
  await ensureRecordTables(db);
  await ensureSyncState(db);
  await ensureModelState(db);
  if (plan.fromPrevious) {
    // The copy's records are the previous build's; this build writes its own.
    for (const t of ['builds', 'models', 'tests']) await db.run(`delete from runs.${t}`);
  }
  if (plan.hasPrevious) await db.run(`attach ${literal(plan.previousFile!)} as ${PREVIOUS} (read_only)`);
}

export interface Verdict {
  status: BuildStatus;
  message: string | null;
}

/** A failed model makes the build an error; a failed error-severity test keeps it from publishing. */
export function verdictOf(models: readonly ModelRecord[], tests: readonly TestRecord[]): Verdict {
  const modelErrors = models.filter((m) => m.status === 'error').map((m) => m.model);
  const blocking = tests.filter((t) => t.severity === 'error' && (t.status === 'fail' || t.status === 'error'));
  if (modelErrors.length) return { status: 'error', message: `model(s) failed: ${modelErrors.join(', ')}` };
  if (blocking.length)
    return { status: 'failed', message: `error-severity test(s) failed: ${blocking.map((t) => t.test).join(', ')}` };
  return { status: 'published', message: null };
}

/** Writes the records and returns the ids of the published builds retention must keep. */
export async function finishRecords(
  { db, opts, plan, now }: BuildContext,
  verdict: Verdict,
  models: readonly ModelRecord[],
  tests: readonly TestRecord[],
): Promise<string[]> {
  const { status, message } = verdict;
  const at = now().toISOString();
  await insertModelRecords(db, models);
  await insertTestRecords(db, tests);
  await db.run(`insert into runs.builds select * from ${WAREHOUSE}.runs.builds where build_id = ?`, [plan.buildId]);
  await db.run(`update runs.builds set status = ?, finished_at = ?::timestamptz, message = ?`, [status, at, message]);
  await db.run(`insert into ${WAREHOUSE}.runs.models select * from runs.models`);
  await db.run(`insert into ${WAREHOUSE}.runs.tests select * from runs.tests`);
  await db.run(
    `update ${WAREHOUSE}.runs.builds set status = ?, finished_at = ?::timestamptz, message = ? where build_id = ?`,
    [status, at, message, plan.buildId],
  );
  const keep = await db.all<{ build_id: string }>(
    `select build_id from ${WAREHOUSE}.runs.builds where status = 'published' order by finished_at desc limit ?`,
    [opts.config.builds.keep],
  );
  return keep.map((r) => r.build_id);
}

/** Records a build that stopped on an error; the warehouse may be what failed, and then the error says why. */
export async function recordError(db: Db, buildId: string, at: Date, message: string): Promise<void> {
  try {
    await db.run(
      `update ${WAREHOUSE}.runs.builds set status = 'error', finished_at = ?::timestamptz, message = ?
       where build_id = ?`,
      [at.toISOString(), message, buildId],
    );
  } catch {
    // the warehouse may be what failed; the thrown error says why
  }
}
