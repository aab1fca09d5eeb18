import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CommandContext } from './context.js';
import { InputError } from '../lib/errors.js';
import { DATASET_NAMES, datasetSpec } from '../lib/datasets.js';
import { encode, type ExportFormat, type ExportRow } from '../pipelines/export/formats.js';
import { readQuarantine } from '../pipelines/export/quarantine.js';
import { readPublishedDataset } from '../pipelines/export/published.js';

export function registerExport(program: Command, context: () => CommandContext): void {
  program
    .command('export <dataset>')
    .description(`write a published dataset to FILE or stdout (${DATASET_NAMES.join(', ')})`)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'xlsx']).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (dataset: string, opts: { format: ExportFormat; out?: string }) => {
      const ctx = context();
      const spec = datasetSpec(dataset);
      if (!spec) throw new InputError(`unknown dataset "${dataset}"; available: ${DATASET_NAMES.join(', ')}`);
      // The quarantine export reads the loads themselves: it works before any build and ignores --as-of.
      const rows: ExportRow[] =
        spec.name === 'quarantine'
          ? ((await readQuarantine(ctx.runtime.dataDir)) as unknown as ExportRow[])
          : (await readPublishedDataset(ctx.runtime.dataDir, spec, { value: ctx.runtime.asOf, explicit: ctx.runtime.asOfExplicit })).rows;
      const bytes = await encode(opts.format, dataset, spec.columns, rows);
      if (opts.out) {
        await writeFile(opts.out, bytes);
        process.stderr.write(`${rows.length} rows of ${dataset} written to ${opts.out}\n`);
      } else {
        process.stdout.write(bytes);
      }
    });
}
