/** The publish phase: the pointer moves to the new build, and builds retention need not keep go. */
import { paths } from '../../lib/dataDir.js';
import { writePointer } from '../../lib/publish/pointer.js';
import { pruneBuilds } from '../../lib/publish/retention.js';
import type { BuildOptions, BuildPlan } from './build-context.js';
import type { Verdict } from './build-records.js';

/** Publishes a build whose verdict is 'published'; otherwise logs that the previous build keeps serving. */
export async function publishBuild(
  opts: BuildOptions,
  plan: BuildPlan,
  verdict: Verdict,
  keep: readonly string[],
  now: () => Date,
): Promise<boolean> {
  const { dataDir, asOf, log } = opts;
  if (verdict.status !== 'published') {
    log.error(
      { build_id: plan.buildId, message: verdict.message, serving: plan.previous?.build_id ?? null },
      'build not published; the previous build keeps serving',
    );
    return false;
  }
  writePointer(dataDir, {
    build_id: plan.buildId,
    as_of: asOf,
    file: paths.relativeToDataDir(dataDir, plan.file),
    published_at: now().toISOString(),
  });
  log.info({ build_id: plan.buildId, as_of: asOf }, 'build published');
  await pruneBuilds(dataDir, new Set([plan.buildId, ...keep]), log);
  return true;
}
