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
import { appendIssued, latestIssuedPeriod, readIssued } from '../../lib/followUp/history.js';
import type { IssuedReport } from '../../lib/followUp/productSources.js';
import { screeningHtml } from './html.js';
import { circularPdf } from './circularPdf.js';
import { CHROMIUM, chromiumAvailable } from './pdf.js';
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
  /**
   * Issue a period already issued, or earlier than the latest issued one. The reissue takes the next
   * number and adds no assignment that a report of the same or a later period already holds for the same
   * entity and department (those stay where they are, with their recorded measures).
   */
  reissue?: boolean;
}

export interface IssueResult {
  report: ScreeningReport;
  files: { docx: string; xlsx: string; html: string; pdf: string | null; heatmap: string | null };
  pdfSkipped: string | null;
}

export async function issueScreeningReport(opts: IssueOptions): Promise<IssueResult> {
  const period = parsePeriod(opts.period).period;
  const issued = readIssued(opts.dataDir);
  const already = issued.find((r) => r.period === period);
  if (already && !opts.reissue)
    throw new InputError(
      `the report for ${period} was already issued as ${already.report_no} (${productFiles.issued(opts.dataDir)}); ` +
        '--reissue issues it again without duplicating its assignments',
    );
  const latest = latestIssuedPeriod(issued);
  if (latest !== null && period < latest && !opts.reissue)
    throw new InputError(
      `a report for ${latest} was issued already; a report for the earlier month ${period} needs --reissue ` +
        '(it then takes the next number and adds no assignment a later report holds)',
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
      reissue: opts.reissue === true && (already !== undefined || (latest !== null && period < latest)),
    });
    const heatmap = await heatmapImage(published.db, build.as_of, 760, 16);
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
      await circularPdf(report, heatmap?.svg ?? null, files.html, files.pdf, chromium);
    } else {
      pdfSkipped = chromium
        ? `no PDF: ${chromium} is not installed (apt-get install -y chromium fonts-wqy-microhei)`
        : 'no PDF: disabled';
      opts.log.warn(pdfSkipped);
    }
    appendIssued(opts.dataDir, withoutHeldAssignments(toIssued(report), issued));
    opts.log.info(
      { report_no: report.report_no, entities: report.entities.length, departments: report.departments.length },
      'screening report issued',
    );
    return { report, files, pdfSkipped };
  } finally {
    published.close();
  }
}

/**
 * A reissued report keeps the follow-up whole: an entity and department that a report of the same or a
 * later period already assigned stays with that report (and its recorded measure); only new pairs are added.
 */
export function withoutHeldAssignments(report: IssuedReport, issued: readonly IssuedReport[]): IssuedReport {
  const held = new Set(
    issued
      .filter((r) => r.period >= report.period)
      .flatMap((r) => r.assignments.map((a) => `${a.uscc}\u0000${a.department}`)),
  );
  if (held.size === 0) return report;
  return { ...report, assignments: report.assignments.filter((a) => !held.has(`${a.uscc}\u0000${a.department}`)) };
}
