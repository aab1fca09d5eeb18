import { stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CommandContext } from './context.js';
import { InputError } from '../lib/errors.js';
import { DATASET_NAMES, datasetSpec } from '../lib/datasets.js';
import type { ExportFormat, ExportRow } from '../pipelines/export/formats.js';

export function registerExport(program: Command, context: () => CommandContext): void {
  program
    .command('export <dataset>')
    .description(`write a published dataset to FILE or stdout (${DATASET_NAMES.join(', ')})`)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'xlsx']).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--returns', 'quarantine only: the 退回清单 for departments (XLSX, one sheet per file, Chinese reasons)')
    .option('--inspections', 'credit-grades only: the 双随机 list for departments (XLSX: grade, ratio, factors)')
    .option(
      '--department <name>',
      'with --returns: only the rows this department delivered; with --inspections: only its entities',
    )
    .action(
      async (
        dataset: string,
        opts: { format: ExportFormat; out?: string; returns?: boolean; inspections?: boolean; department?: string },
      ) => {
        const ctx = context();
        if (opts.out) await assertWritableFolder(opts.out);
        if (opts.returns) return exportReturnList(ctx, dataset, opts);
        if (opts.inspections) return exportInspections(ctx, dataset, opts);
        const spec = datasetSpec(dataset);
        if (!spec) throw new InputError(`unknown dataset "${dataset}"; available: ${DATASET_NAMES.join(', ')}`);
        // The quarantine export reads the loads themselves: it works before any build and ignores --as-of.
        let rows: ExportRow[];
        if (spec.name === 'quarantine') {
          const { readQuarantine } = await import('../pipelines/export/quarantine.js');
          rows = (await readQuarantine(ctx.runtime.dataDir)) as unknown as ExportRow[];
        } else if (spec.name === 'checks') {
          // Credit checks are the product's own records (DIR/checks/): like quarantine, no build and no --as-of.
          const { readCheckCoverage } = await import('../pipelines/export/checks.js');
          rows = await readCheckCoverage(ctx.runtime.dataDir, spec);
        } else {
          const { readPublishedDataset } = await import('../pipelines/export/published.js');
          rows = (
            await readPublishedDataset(ctx.runtime.dataDir, spec, {
              value: ctx.runtime.asOf,
              explicit: ctx.runtime.asOfExplicit,
            })
          ).rows;
        }
        const { encode } = await import('../pipelines/export/formats.js');
        const bytes = await encode(opts.format, dataset, spec.columns, rows);
        await auditExport(ctx, dataset, opts.format, rows.length, opts.out);
        if (opts.out) {
          await writeFile(opts.out, bytes);
          process.stderr.write(`${rows.length} rows of ${dataset} written to ${opts.out}\n`);
        } else {
          process.stdout.write(bytes);
        }
      },
    );
}

/** `export quarantine --returns`: the department-facing workbook (pipelines/export/returnList.ts), audited. */
async function exportReturnList(ctx: CommandContext, dataset: string, opts: { out?: string; department?: string }) {
  if (dataset !== 'quarantine') throw new InputError('--returns is for the quarantine export only');
  const { paths } = await import('../lib/dataDir.js');
  const { withDb } = await import('../lib/db.js');
  const { peopleXlsx } = await import('../pipelines/export/peopleTable.js');
  const { returnListSheets, returnRows } = await import('../pipelines/export/returnList.js');
  const warehouse = paths.warehouse(ctx.runtime.dataDir);
  const { existsSync } = await import('node:fs');
  if (!existsSync(warehouse)) throw new InputError(`no warehouse in ${ctx.runtime.dataDir}: run sentinel ingest first`);
  const rows = await withDb(warehouse, { readOnly: true }, (db) => returnRows(db, opts.department ?? null));
  const bytes = await peopleXlsx(returnListSheets(rows), null);
  await auditExport(ctx, 'quarantine', 'xlsx', rows.length, opts.out);
  if (opts.out) {
    await writeFile(opts.out, bytes);
    process.stderr.write(`${rows.length} returned rows written to ${opts.out}\n`);
  } else {
    process.stdout.write(bytes);
  }
}

/** `export credit-grades --inspections`: the 双随机 list (pipelines/export/gradeInspections.ts), audited. */
async function exportInspections(ctx: CommandContext, dataset: string, opts: { out?: string; department?: string }) {
  if (dataset !== 'credit-grades') throw new InputError('--inspections is for the credit-grades export only');
  const { openPublished } = await import('../lib/publish/reader.js');
  const { peopleXlsx } = await import('../pipelines/export/peopleTable.js');
  const { inspectionRows, inspectionSheets } = await import('../pipelines/export/gradeInspections.js');
  const build = await openPublished(ctx.runtime.dataDir);
  let rows;
  try {
    if (ctx.runtime.asOfExplicit && ctx.runtime.asOf !== build.pointer.as_of)
      throw new InputError(
        `the published build ${build.pointer.build_id} is as of ${build.pointer.as_of}, not ${ctx.runtime.asOf}`,
      );
    rows = await inspectionRows(build.db, opts.department ?? null);
  } finally {
    build.close();
  }
  if (opts.department && rows.length === 0)
    process.stderr.write(`no entity of the published build is in the scope of ${opts.department}\n`);
  const bytes = await peopleXlsx(inspectionSheets(rows), build.pointer);
  await auditExport(ctx, 'credit-grades', 'xlsx', rows.length, opts.out);
  if (opts.out) {
    await writeFile(opts.out, bytes);
    process.stderr.write(`${rows.length} entities of the 双随机 list written to ${opts.out}\n`);
  } else {
    process.stdout.write(bytes);
  }
}

/** Checked before the dataset is read: a mistyped --out folder is a one-line message, not a stack trace. */
async function assertWritableFolder(out: string): Promise<void> {
  const folder = dirname(resolve(out));
  const st = await stat(folder).catch(() => null);
  if (!st) throw new InputError(`--out 的文件夹不存在：${folder}（请先建好文件夹）`);
  if (!st.isDirectory()) throw new InputError(`--out 的上级路径不是文件夹：${folder}`);
  const target = await stat(out).catch(() => null);
  if (target?.isDirectory()) throw new InputError(`--out 应为文件名，而 ${out} 是文件夹`);
}

/** A CLI export is a read of entity data too: audited as the operating-system user that ran it. */
async function auditExport(ctx: CommandContext, dataset: string, format: string, rows: number, out?: string) {
  const { AuditLog } = await import('../lib/auth/audit.js');
  const { readPointer } = await import('../lib/publish/pointer.js');
  const { userInfo } = await import('node:os');
  await new AuditLog(ctx.runtime.dataDir).record({
    user: userInfo().username,
    role: 'cli',
    via: 'cli',
    action: 'dataset_export',
    target: dataset,
    filters: out ? { out } : {},
    format,
    rows,
    build_id:
      dataset === 'quarantine' || dataset === 'checks' ? null : (readPointer(ctx.runtime.dataDir)?.build_id ?? null),
    ip: null,
  });
}
