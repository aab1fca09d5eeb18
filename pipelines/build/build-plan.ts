/**
 * The first phase of a build: everything that can be refused without a database is refused here,
 * before any file is touched.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../lib/errors.js';
import { todayInShanghai } from '../../lib/dates.js';
import { paths } from '../../lib/dataDir.js';
import { readPointer } from '../../lib/publish/pointer.js';
import type { BuildOptions, BuildPlan } from './build-context.js';
import { compileAll } from './compile.js';
import { selectModels, topoOrder } from './dag.js';
import { loadProject } from './project.js';

export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

function newBuildId(now: Date): string {
  // Sortable by time (to the millisecond), unique by the random suffix.
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * A build as of a day not yet come judges deadlines that have not passed (publicity within 7 working days,
 * follow-up due dates) as missed: refused unless asked for, e.g. to rehearse a coming month.
 */
function refuseFutureAsOf(asOf: string, now: Date, allowFuture: boolean): void {
  const today = todayInShanghai(now);
  if (asOf > today && !allowFuture)
    throw new InputError(
      `数据截至日 ${asOf} 晚于今天（${today}，北京时间）：尚未到期的期限会被判为逾期，构建未运行。` +
        `确需按未来日期构建（如预演），请加 --allow-future`,
    );
}

export function planBuild(opts: BuildOptions, now: Date): BuildPlan {
  const { dataDir, asOf } = opts;
  refuseFutureAsOf(asOf, now, opts.allowFuture ?? false);
  const project = loadProject(opts.modelsDir ?? DEFAULT_MODELS_DIR);
  const order = topoOrder(project);
  const selected = selectModels(project, opts.select);
  const buildId = newBuildId(now);
  const compiled = compileAll(project, { asOf, buildId, config: opts.config });

  mkdirSync(paths.builds(dataDir), { recursive: true });
  const file = paths.build(dataDir, buildId);
  const previous = readPointer(dataDir);
  const previousFile = previous ? paths.pointedFile(dataDir, previous.file) : null;
  // A partial build copies the unselected models from the published build: they must be as of the same day.
  if (opts.select?.length && previous && previous.as_of !== asOf) {
    throw new InputError(
      `--select builds only some models and keeps the others from the published build, ` +
        `which is as of ${previous.as_of}; ` +
        `build everything for as-of ${asOf}, or pass --as-of ${previous.as_of}`,
    );
  }
  const hasPrevious = previousFile !== null && existsSync(previousFile);
  // A build starts from a copy of the published build (a file copy costs far less than re-creating its
  // tables): the sources then take only the rows delivered since, and incremental models their new
  // rows. --full-refresh starts from an empty file.
  const fromPrevious = !opts.fullRefresh && hasPrevious;
  return { project, order, selected, buildId, compiled, file, previous, previousFile, hasPrevious, fromPrevious };
}
