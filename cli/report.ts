import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { issueScreeningReport } from '../pipelines/report/issue.js';
import { issueBrief } from '../pipelines/report/brief.js';
import { deliverReport } from '../pipelines/report/email.js';

export function registerReport(program: Command, context: () => CommandContext): void {
  const report = program.command('report').description('documents from the published build: screening report (筛查通报), leader brief');
  report
    .command('screening')
    .description('write the monthly screening report (DOCX, XLSX, HTML, PDF when chromium is installed) and record it')
    .requiredOption('--period <YYYY-MM>', 'the month reported on; the published build must be as of its last day or in the month after')
    .option('--out <dir>', 'folder for the documents (default DIR/reports/<period>/)')
    .option('--no-pdf', 'skip the PDF even when chromium is installed')
    .option('--email', 'e-mail each department its part (reports.email in the config)')
    .action(async (opts: { period: string; out?: string; pdf: boolean; email?: boolean }) => {
      const ctx = context();
      const r = await issueScreeningReport({
        dataDir: ctx.runtime.dataDir, config: ctx.config, period: opts.period, outDir: opts.out, log: ctx.log,
        asOf: { value: ctx.runtime.asOf, explicit: ctx.runtime.asOfExplicit }, chromium: opts.pdf ? undefined : null,
      });
      const c = r.report.entities;
      ctx.out(
        `${r.report.report_no} (${r.report.period}, as of ${r.report.as_of}): ${c.length} entities ` +
          `(${c.filter((e) => e.change === 'new').length} new, ${c.filter((e) => e.change === 'still').length} still listed, ` +
          `${r.report.resolved.length} no longer listed, ${c.filter((e) => e.persistent).length} persistent), ` +
          `${r.report.departments.length} departments, due ${r.report.due_date}`,
      );
      for (const f of Object.values(r.files)) if (f) ctx.out(f);
      if (r.pdfSkipped) ctx.out(r.pdfSkipped);
      if (opts.email || ctx.config.reports.email.enabled) {
        const sent = await deliverReport(r.report, ctx.config.reports.email, ctx.log);
        ctx.out(`e-mailed ${sent.sent.length} department(s); no address for ${sent.skipped.length}`);
      }
    });
  report
    .command('brief')
    .description('write the one-page leader brief (DOCX, and PDF when chromium is installed): heatmap, indicators, top risks')
    .requiredOption('--period <YYYY-MM>', 'the month reported on')
    .option('--out <dir>', 'folder for the documents (default DIR/reports/<period>/)')
    .option('--no-pdf', 'skip the PDF even when chromium is installed')
    .action(async (opts: { period: string; out?: string; pdf: boolean }) => {
      const ctx = context();
      const r = await issueBrief({
        dataDir: ctx.runtime.dataDir, config: ctx.config, period: opts.period, outDir: opts.out, log: ctx.log,
        asOf: { value: ctx.runtime.asOf, explicit: ctx.runtime.asOfExplicit }, chromium: opts.pdf ? undefined : null,
      });
      for (const f of Object.values(r.files)) if (f) ctx.out(f);
      if (r.pdfSkipped) ctx.out(r.pdfSkipped);
    });
}
