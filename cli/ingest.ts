import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import type { FileOutcome } from '../pipelines/ingest/run.js';

/** Per-source counts of an ingest, then every refused file with its reason. */
export function ingestSummary(outcomes: FileOutcome[]): string {
  const bySource = new Map<string, { files: number; dup: number; failed: number; read: number; loaded: number; quarantined: number }>();
  for (const o of outcomes) {
    const s = bySource.get(o.source) ?? { files: 0, dup: 0, failed: 0, read: 0, loaded: 0, quarantined: 0 };
    if (o.status === 'loaded') s.files++;
    else if (o.status === 'failed') s.failed++;
    else s.dup++;
    s.read += o.rowsRead;
    s.loaded += o.rowsLoaded;
    s.quarantined += o.rowsQuarantined;
    bySource.set(o.source, s);
  }
  const lines = ['source\tfiles\tunchanged\tfailed\trows_read\trows_loaded\trows_quarantined'];
  for (const [source, s] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push([source, s.files, s.dup, s.failed, s.read, s.loaded, s.quarantined].join('\t'));
  }
  for (const o of outcomes.filter((x) => x.status === 'failed')) lines.push(`failed: ${o.source}/${o.file}: ${o.message}`);
  if (outcomes.length === 0) lines.push('(no new files in the inbox)');
  return lines.join('\n');
}

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
      // A file that cannot be read stays in the inbox with its reason, and the command says so.
      if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
    });
}
