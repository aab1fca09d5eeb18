import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { ingestSummary } from '../pipelines/ingest/summary.js';
import { needsAttention } from '../pipelines/ingest/outcome.js';

export function registerIngest(program: Command, context: () => CommandContext): void {
  program
    .command('ingest')
    .description('load every new inbox file; rows that fail validation are quarantined with a reason')
    .action(async () => {
      const ctx = context();
      const { ranInStart } = await import('../pipelines/schedule/delegate.js');
      if (await ranInStart(ctx, { job: 'ingest' })) return;
      const { ingest } = await import('../pipelines/ingest/run.js');
      const { outcomes } = await ingest({ dataDir: ctx.runtime.dataDir, config: ctx.config, log: ctx.log });
      ctx.out(ingestSummary(outcomes));
      // A file that cannot be read, or a delivery skipped, stays in the inbox with its reason, and the
      // command says so; a file left because it is still being written is no failure.
      if (needsAttention(outcomes)) process.exitCode = 1;
    });
}
