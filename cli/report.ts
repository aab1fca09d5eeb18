import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { CommandContext } from './context.js';
import type { ExportFormat, ExportRow } from '../pipelines/export/formats.js';
import { registerCreditReport } from './reportCredit.js';

export function registerReport(program: Command, context: () => CommandContext): void {
  const report = program
    .command('report')
    .description('documents from the published build: screening report (筛查通报), leader brief');
  report
    .command('screening')
    .description('write the monthly screening report (DOCX, XLSX, HTML, PDF when chromium is installed) and record it')
    .requiredOption(
      '--period <YYYY-MM>',
      'the month reported on; the published build must be as of its last day or in the month after',
    )
    .option('--out <dir>', 'folder for the documents (default DIR/reports/<period>/)')
    .option('--no-pdf', 'skip the PDF even when chromium is installed')
    .option('--email', 'e-mail each department its part (reports.email in the config)')
    .option(
      '--reissue',
      'issue a month already issued or earlier than the latest issued one: the next number, and no assignment ' +
        'that a report of the same or a later month already holds',
    )
    .action(async (opts: { period: string; out?: string; pdf: boolean; email?: boolean; reissue?: boolean }) => {
      const ctx = context();
      const { issueScreeningReport } = await import('../pipelines/report/issue.js');
      const r = await issueScreeningReport({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        period: opts.period,
        outDir: opts.out,
        log: ctx.log,
        asOf: { value: ctx.runtime.asOf, explicit: ctx.runtime.asOfExplicit },
        chromium: opts.pdf ? undefined : null,
        reissue: opts.reissue === true,
      });
      const c = r.report.entities;
      ctx.out(
        `${r.report.report_no} (${r.report.period}, as of ${r.report.as_of}): ${c.length} entities ` +
          `(${c.filter((e) => e.change === 'new').length} new, ` +
          `${c.filter((e) => e.change === 'still').length} still listed, ` +
          `${r.report.resolved.length} no longer listed, ${c.filter((e) => e.persistent).length} persistent), ` +
          `${r.report.departments.length} departments, due ${r.report.due_date}`,
      );
      for (const f of Object.values(r.files)) if (f) ctx.out(f);
      if (r.pdfSkipped) ctx.out(r.pdfSkipped);
      if (opts.email || ctx.config.reports.email.enabled) {
        const { deliverReport } = await import('../pipelines/report/email.js');
        const sent = await deliverReport(r.report, ctx.config.reports.email, ctx.log);
        ctx.out(`e-mailed ${sent.sent.length} department(s); no address for ${sent.skipped.length}`);
      }
    });
  report
    .command('brief')
    .description(
      'write the one-page leader brief (DOCX, and PDF when chromium is installed): heatmap, indicators, top risks',
    )
    .requiredOption('--period <YYYY-MM>', 'the month reported on')
    .option('--out <dir>', 'folder for the documents (default DIR/reports/<period>/)')
    .option('--no-pdf', 'skip the PDF even when chromium is installed')
    .action(async (opts: { period: string; out?: string; pdf: boolean }) => {
      const ctx = context();
      const { issueBrief } = await import('../pipelines/report/brief.js');
      const r = await issueBrief({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        period: opts.period,
        outDir: opts.out,
        log: ctx.log,
        asOf: { value: ctx.runtime.asOf, explicit: ctx.runtime.asOfExplicit },
        chromium: opts.pdf ? undefined : null,
      });
      for (const f of Object.values(r.files)) if (f) ctx.out(f);
      if (r.pdfSkipped) ctx.out(r.pdfSkipped);
    });
  report
    .command('lists')
    .description("write the month's red and black lists (红黑榜) for publication: DOCX and XLSX")
    .requiredOption('--period <YYYY-MM>', "the month published: one of the published build's history months")
    .option('--out <dir>', 'folder for the documents (default DIR/reports/<period>/)')
    .action(async (opts: { period: string; out?: string }) => {
      const ctx = context();
      const { issueListsReport } = await import('../pipelines/report/lists/issue.js');
      const r = await issueListsReport({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        period: opts.period,
        outDir: opts.out,
        log: ctx.log,
        asOf: { value: ctx.runtime.asOf, explicit: ctx.runtime.asOfExplicit },
      });
      const d = r.document;
      ctx.out(`${d.number} ${d.title}: red ${d.red.length}, black ${d.black.length}, left ${d.left.length}`);
      for (const f of Object.values(r.files)) ctx.out(f);
    });
  registerFollowUp(report, context);
  registerCreditReport(report, context);
}

const ASSIGNMENT_COLUMNS = [
  'report_no',
  'period',
  'report_date',
  'department',
  'role',
  'uscc',
  'name',
  'measure',
  'due_date',
  'status',
  'action_measure',
  'action_date',
  'note',
  'late',
];
const COMPLETION_COLUMNS = ['department', 'assigned', 'done', 'pending', 'overdue', 'completion_rate', 'done_late'];

/** `report follow-up` and `report action`: the follow-up loop from the command line, until the pages exist. */
function registerFollowUp(report: Command, context: () => CommandContext): void {
  report
    .command('follow-up')
    .description(
      'list screening-report assignments with their status at as-of (pending / done / overdue), ' +
        'or completion per department',
    )
    .option('--department <name>', 'only this department')
    .option('--completion', 'completion per department instead of the assignments')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'xlsx']).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: { department?: string; completion?: boolean; format: ExportFormat; out?: string }) => {
      const ctx = context();
      const [{ completionByDepartment, listAssignments }, { encode }, { reportClock }, { todayInShanghai }] =
        await Promise.all([
          import('../lib/followUp/store.js'),
          import('../pipelines/export/formats.js'),
          import('../lib/followUp/clock.js'),
          import('../lib/dates.js'),
        ]);
      // An explicit --as-of judges every report at that date; otherwise each report runs on its clock
      // (the real date, or its as-of plus the working days since its issue: docs/reports.md).
      const assignments = listAssignments(ctx.runtime.dataDir, {
        date: ctx.runtime.asOf,
        clock: ctx.runtime.asOfExplicit
          ? undefined
          : reportClock(todayInShanghai(), ctx.config.reports.current_data_days),
        department: opts.department,
      });
      const rows: ExportRow[] = opts.completion
        ? completionByDepartment(assignments).map((c) => ({ ...c }))
        : assignments.map((a) => ({
            report_no: a.report_no,
            period: a.period,
            report_date: a.report_date,
            department: a.department,
            role: a.role,
            uscc: a.uscc,
            name: a.name,
            measure: a.measure,
            due_date: a.due_date,
            status: a.status,
            action_measure: a.action?.measure ?? null,
            action_date: a.action?.action_date ?? null,
            note: a.action?.note ?? null,
            late: a.late,
          }));
      const bytes = await encode(
        opts.format,
        opts.completion ? 'completion' : 'follow-up',
        opts.completion ? COMPLETION_COLUMNS : ASSIGNMENT_COLUMNS,
        rows,
      );
      if (opts.out) {
        await writeFile(opts.out, bytes);
        process.stderr.write(`${rows.length} rows written to ${opts.out}\n`);
      } else process.stdout.write(bytes);
    });
  report
    .command('action')
    .description('record what a department did about an entity of a screening report')
    .requiredOption('--report <no>', 'report number, e.g. 信用办〔2026〕1号')
    .requiredOption('--uscc <uscc>', 'the entity')
    .requiredOption('--department <name>', 'the department the entity was assigned to')
    .addOption(
      new Option('--measure <measure>', 'what was done').choices(['告知', '约谈', '培训']).makeOptionMandatory(),
    )
    .requiredOption('--date <YYYY-MM-DD>', 'when it was done')
    .option('--note <text>', 'what happened')
    .option('--by <user>', 'who records it')
    .action(
      async (opts: {
        report: string;
        uscc: string;
        department: string;
        measure: string;
        date: string;
        note?: string;
        by?: string;
      }) => {
        const ctx = context();
        const { recordAction } = await import('../lib/followUp/store.js');
        const a = recordAction(ctx.runtime.dataDir, {
          report_no: opts.report,
          uscc: opts.uscc,
          department: opts.department,
          measure: opts.measure,
          action_date: opts.date,
          note: opts.note ?? null,
          recorded_by: opts.by ?? null,
        });
        ctx.out(`recorded ${a.measure} on ${a.action_date} for ${a.uscc} (${a.department}, ${a.report_no})`);
      },
    );
}
