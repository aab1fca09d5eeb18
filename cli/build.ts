import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import type { CommandContext } from './context.js';
import { buildSummary } from '../pipelines/build/summary.js';

/**
 * The repository's models/ folder: the same folder as DEFAULT_MODELS_DIR of pipelines/build/build.ts, named
 * here so that registering the command does not load the runner.
 */
export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../models', import.meta.url));

interface BuildFlags {
  select?: string[];
  fullRefresh?: boolean;
  modelsDir?: string;
  allowFuture?: boolean;
  engine?: 'duckdb' | 'postgres';
}

export function registerBuild(program: Command, context: () => CommandContext): void {
  program
    .command('build')
    .description('build the models into a new build file, run the data tests, publish only when they pass')
    .option('-s, --select <models...>', 'model, model+ (with dependants) or +model (with ancestors)')
    .option('--full-refresh', 'rebuild incremental models from scratch')
    .option('--models-dir <dir>', 'folder of models', DEFAULT_MODELS_DIR)
    .option('--allow-future', 'build for an --as-of after today (Asia/Shanghai), e.g. to rehearse')
    .addOption(
      new Option(
        '--engine <engine>',
        'where the models run (default: builds.engine of the config, duckdb; postgres: its postgres: servers)',
      ).choices(['duckdb', 'postgres']),
    )
    .action(async (flags: BuildFlags) => {
      const ctx = context();
      const { ranInStart } = await import('../pipelines/schedule/delegate.js');
      if (
        await ranInStart(ctx, {
          job: 'build',
          select: flags.select,
          fullRefresh: flags.fullRefresh,
          allowFuture: flags.allowFuture,
          modelsDir: flags.modelsDir,
          engine: flags.engine,
        })
      )
        return;
      const { build } = await import('../pipelines/build/build.js');
      const result = await build({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        asOf: ctx.runtime.asOf,
        log: ctx.log,
        modelsDir: flags.modelsDir,
        select: flags.select,
        fullRefresh: flags.fullRefresh ?? false,
        allowFuture: flags.allowFuture ?? false,
        engine: flags.engine,
      });
      ctx.out(buildSummary(result));
      if (!result.published) process.exitCode = 1;
    });
}
