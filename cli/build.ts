import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import type { BuildResult } from '../lib/runner/build.js';

/**
 * The repository's models/ folder: the same folder as DEFAULT_MODELS_DIR of lib/runner/build.ts, named
 * here so that registering the command does not load the runner.
 */
export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../models', import.meta.url));

/** The short summary a build prints: models, test counts, failing tests and whether it published. */
export function buildSummary(result: BuildResult): string {
  const lines = ['model\taction\tstatus\trows\tseconds'];
  for (const m of result.models) lines.push([m.model, m.action, m.status, m.rows ?? '', m.seconds.toFixed(2)].join('\t'));
  const count = (s: string) => result.tests.filter((t) => t.status === s).length;
  lines.push(`tests: ${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed, ${count('error')} errored`);
  for (const t of result.tests.filter((x) => x.status !== 'pass')) lines.push(`  ${t.status}\t${t.test}\t${t.failures} row(s)${t.message ? `\t${t.message}` : ''}`);
  lines.push(
    result.published
      ? `published build ${result.buildId} (as-of ${result.asOf})`
      : `build ${result.buildId} NOT published: ${result.message}; the previous build keeps serving`,
  );
  return lines.join('\n');
}

interface BuildFlags {
  select?: string[];
  fullRefresh?: boolean;
  modelsDir?: string;
}

export function registerBuild(program: Command, context: () => CommandContext): void {
  program
    .command('build')
    .description('build the models into a new build file, run the data tests, publish only when they pass')
    .option('-s, --select <models...>', 'model, model+ (with dependants) or +model (with ancestors)')
    .option('--full-refresh', 'rebuild incremental models from scratch')
    .option('--models-dir <dir>', 'folder of models', DEFAULT_MODELS_DIR)
    .action(async (flags: BuildFlags) => {
      const ctx = context();
      const { ranInStart } = await import('../pipelines/schedule/delegate.js');
      if (await ranInStart(ctx, { job: 'build', select: flags.select, fullRefresh: flags.fullRefresh, modelsDir: flags.modelsDir })) return;
      const { build } = await import('../lib/runner/build.js');
      const result = await build({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        asOf: ctx.runtime.asOf,
        log: ctx.log,
        modelsDir: flags.modelsDir,
        select: flags.select,
        fullRefresh: flags.fullRefresh ?? false,
      });
      ctx.out(buildSummary(result));
      if (!result.published) process.exitCode = 1;
    });
}
