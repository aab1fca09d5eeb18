/**
 * `build()`: checks the DAG, builds every model into a new file DIR/builds/<build_id>.duckdb, runs the
 * data tests there and publishes the file only when no `error` test failed. The previous published
 * build keeps serving until the pointer moves, and is never written to.
 *
 * It reads as its phases: plan (refuse what can be refused before touching a file), copy the previous
 * build, open the records, sync the sources, gather the models' inputs, materialise the models, run the
 * data tests, record the verdict, and publish.
 */
import { copyFileSync } from 'node:fs';
import { Database } from '../../lib/db.js';
import { phaseTimer, type BuildContext, type BuildOptions, type BuildResult } from './build-context.js';
import { materialiseModels } from './build-models.js';
import { createLookupIndexes } from './build-indexes.js';
import { planBuild } from './build-plan.js';
import { publishBuild } from './build-publish.js';
import { finishRecords, openRecords, recordError, verdictOf, type Verdict } from './build-records.js';
import { syncSources } from './build-sources.js';
import { runDataTests } from './build-tests.js';
import { recordStates } from './fingerprints.js';
import { modelInputs } from './model-inputs.js';

export { DEFAULT_MODELS_DIR } from './build-plan.js';
export type { BuildOptions, BuildResult } from './build-context.js';

type InFile = Omit<BuildResult, 'published' | 'buildId' | 'asOf' | 'file'> & { keep: string[] };

/** Builds the selected models and publishes when the error-severity tests pass. */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  if ((opts.engine ?? opts.config.builds.engine) === 'postgres')
    return (await import('./engines/postgres/build.js')).buildOnPostgres(opts);
  const now = opts.now ?? (() => new Date());
  const plan = planBuild(opts, now());
  const phase = phaseTimer(opts.log);
  if (plan.fromPrevious) copyFileSync(plan.previousFile!, plan.file);
  phase('copy previous build');
  const database = await Database.open(plan.file, { memoryLimit: opts.config.builds.memory_limit ?? undefined });
  const db = await database.connect();
  const work = async (sql: string): Promise<void> => {
    opts.trace?.push(sql);
    await db.exec(sql);
  };
  const ctx: BuildContext = { opts, plan, db, now, work };
  let done: InFile;
  try {
    done = await buildInFile(ctx, phase);
  } catch (e) {
    await recordError(db, plan.buildId, now(), (e as Error).message);
    throw e;
  } finally {
    // Checkpoint and close before publishing: the published file must be complete and never written again.
    try {
      await db.run('checkpoint');
      phase('records and checkpoint');
    } finally {
      db.close();
      database.close();
    }
  }
  const { status, message, models, tests, sources, keep } = done;
  const published = await publishBuild(opts, plan, { status, message }, keep, now);
  if (published) phase('publish and prune');
  const { buildId, file } = plan;
  return { buildId, asOf: opts.asOf, status, published, file, models, tests, sources, message };
}

/** The phases that work in the open build file, up to the recorded verdict. */
async function buildInFile(ctx: BuildContext, phase: (name: string) => void): Promise<InFile> {
  await openRecords(ctx);
  const sources = await syncSources(ctx);
  const inputs = await modelInputs(ctx, sources);
  phase('sources, snapshots and fingerprints');
  const { models, failed, built } = await materialiseModels(ctx, inputs);
  await recordStates(ctx.db, built);
  phase('models');
  await createLookupIndexes(ctx);
  phase('look-up indexes');
  const tests = await runDataTests(ctx, failed);
  phase('data tests');
  const verdict: Verdict = verdictOf(models, tests);
  const keep = await finishRecords(ctx, verdict, models, tests);
  return { ...verdict, models, tests, sources, keep };
}
