import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { ingestSummary } from '../pipelines/ingest/summary.js';
import { buildSummary } from '../pipelines/build/summary.js';

export function registerRun(program: Command, context: () => CommandContext): void {
  program
    .command('run')
    .description('ingest every new inbox file, then build and publish')
    .option('--full-refresh', 'rebuild incremental models from scratch')
    .option('--allow-future', 'build for an --as-of after today (Asia/Shanghai), e.g. to rehearse')
    .action(async (flags: { fullRefresh?: boolean; allowFuture?: boolean }) => {
      const ctx = context();
      const { ranInStart } = await import('../pipelines/schedule/delegate.js');
      if (await ranInStart(ctx, { job: 'run', fullRefresh: flags.fullRefresh, allowFuture: flags.allowFuture })) return;
      const [{ ingest }, { build }] = await Promise.all([
        import('../pipelines/ingest/run.js'),
        import('../pipelines/build/build.js'),
      ]);
      const { outcomes } = await ingest({ dataDir: ctx.runtime.dataDir, config: ctx.config, log: ctx.log });
      ctx.out(ingestSummary(outcomes));
      // A refused file stays in the inbox; the files that did load are still built.
      const result = await build({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        asOf: ctx.runtime.asOf,
        log: ctx.log,
        fullRefresh: flags.fullRefresh ?? false,
        allowFuture: flags.allowFuture ?? false,
      });
      ctx.out(buildSummary(result));
      if (!result.published || outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
    });
}
