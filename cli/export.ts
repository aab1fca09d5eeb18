import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CommandContext } from './context.js';
import { InputError } from '../lib/errors.js';
import { encode, type ExportFormat, type ExportRow } from '../pipelines/export/formats.js';
import { readQuarantine } from '../pipelines/export/quarantine.js';

const COLUMNS: Record<string, readonly string[]> = {
  quarantine: ['source', 'file', 'row_number', 'reason', 'raw'],
};

async function rowsOf(dataset: string, ctx: CommandContext): Promise<ExportRow[]> {
  if (dataset === 'quarantine') return (await readQuarantine(ctx.runtime.dataDir)) as unknown as ExportRow[];
  throw new InputError(`unknown dataset "${dataset}"; available: ${Object.keys(COLUMNS).join(', ')}`);
}

export function registerExport(program: Command, context: () => CommandContext): void {
  program
    .command('export <dataset>')
    .description('write a dataset to FILE or stdout')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'xlsx']).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (dataset: string, opts: { format: ExportFormat; out?: string }) => {
      const ctx = context();
      const columns = COLUMNS[dataset];
      if (!columns) throw new InputError(`unknown dataset "${dataset}"; available: ${Object.keys(COLUMNS).join(', ')}`);
      const rows = await rowsOf(dataset, ctx);
      const bytes = await encode(opts.format, dataset, columns, rows);
      if (opts.out) {
        await writeFile(opts.out, bytes);
        process.stderr.write(`${rows.length} rows of ${dataset} written to ${opts.out}\n`);
      } else {
        process.stdout.write(bytes);
      }
    });
}
