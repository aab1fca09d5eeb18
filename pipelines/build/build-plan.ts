/**
 * The first phase of a build: everything that can be refused without a database is refused here,
 * before any file is touched.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../lib/errors.js';
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

export function planBuild(opts: BuildOptions, now: Date): BuildPlan {
  const { dataDir, asOf } = opts;
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
