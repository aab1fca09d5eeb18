/**
 * `sentinel report screening`: composes the report from the published build, writes DOCX, XLSX, HTML
 * (and PDF when chromium is installed), then records it in the screening history. Recording comes last,
 * so a report whose documents could not be written is not in the history either.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import type { Config } from '../../lib/config/schema.js';
import { InputError } from '../../lib/errors.js';
import type { Log } from '../../lib/log.js';
import { openPublished } from '../../lib/publish/reader.js';
import { productFiles } from '../../lib/followUp/productSources.js';
import { composeReport, toIssued } from './compose.js';
import { screeningDocx } from './docx.js';
import { heatmapImage } from './heatmap.js';
import { appendIssued, readIssued } from '../../lib/followUp/history.js';
import { screeningHtml } from './html.js';
import { CHROMIUM, chromiumAvailable, htmlFileToPdf } from './pdf.js';
import { parsePeriod } from './period.js';
import type { ScreeningReport } from './types.js';
import { screeningXlsx } from './xlsx.js';

export interface IssueOptions {
  dataDir: string;
  config: Readonly<Config>;
  period: string;
  /** Where the documents go; default DIR/reports/<period>/. */
  outDir?: string;
  /** The command's --as-of, refused when it is explicit and differs from the published build's. */
  asOf?: { value: string; explicit: boolean };
  log: Log;
  now?: () => Date;
  /** Path of chromium for the PDF; null skips the PDF. */
  chromium?: string | null;
}

export interface IssueResult {
  report: ScreeningReport;
  files: { docx: string; xlsx: string; html: string; pdf: string | null; heatmap: string | null };
  pdfSkipped: string | null;
}

export async function issueScreeningReport(opts: IssueOptions): Promise<IssueResult> {
  const period = parsePeriod(opts.period).period;
  const already = readIssued(opts.dataDir).find((r) => r.period === period);
  if (already)
    throw new InputError(
      `the report for ${period} was already issued as ${already.report_no} (${productFiles.issued(opts.dataDir)})`,
    );
  const published = await openPublished(opts.dataDir);
  try {
    const build = published.pointer;
    if (opts.asOf?.explicit && opts.asOf.value !== build.as_of) {
      throw new InputError(
        `--as-of ${opts.asOf.value} differs from the published build, which is as of ${build.as_of}`,
      );
    }
    const report = await composeReport({
      db: published.db,
      dataDir: opts.dataDir,
      config: opts.config,
      period,
      build,
      now: (opts.now ?? (() => new Date()))(),
    });
    const heatmap = await heatmapImage(published.db, build.as_of);
    const outDir = opts.outDir ?? paths.periodReports(opts.dataDir, period);
    mkdirSync(outDir, { recursive: true });
    const base = join(outDir, `screening-${period}`);
    const files: IssueResult['files'] = {
      docx: `${base}.docx`,
      xlsx: `${base}.xlsx`,
      html: `${base}.html`,
      pdf: null,
      heatmap: null,
    };
    if (heatmap) {
      files.heatmap = `${base}-heatmap.png`;
      writeFileSync(files.heatmap, heatmap.png.data);
    }
    writeFileSync(files.docx, await screeningDocx(report, heatmap?.png ?? null));
    writeFileSync(files.xlsx, await screeningXlsx(report));
    writeFileSync(files.html, screeningHtml(report, heatmap?.svg ?? null));
    let pdfSkipped: string | null = null;
    const chromium = opts.chromium === undefined ? CHROMIUM : opts.chromium;
    if (chromium && chromiumAvailable(chromium)) {
      files.pdf = `${base}.pdf`;
      await htmlFileToPdf(files.html, files.pdf, chromium);
    } else {
      pdfSkipped = chromium
        ? `no PDF: ${chromium} is not installed (apt-get install -y chromium fonts-wqy-microhei)`
        : 'no PDF: disabled';
      opts.log.warn(pdfSkipped);
    }
    appendIssued(opts.dataDir, toIssued(report));
    opts.log.info(
      { report_no: report.report_no, entities: report.entities.length, departments: report.departments.length },
      'screening report issued',
    );
    return { report, files, pdfSkipped };
  } finally {
    published.close();
  }
}
