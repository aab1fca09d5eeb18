/** `sentinel report credit <uscc>`: one entity's 信用报告 (PDF and DOCX) from the published build, recorded and audited. */
import { Option, type Command } from 'commander';
import type { CommandContext } from './context.js';
import { InputError } from '../lib/errors.js';

export function registerCreditReport(report: Command, context: () => CommandContext): void {
  report
    .command('credit [uscc]')
    .description(
      'write the credit report (信用报告) of one entity: PDF (chromium) and DOCX under DIR/reports/credit/, ' +
        'numbered, with a verification code for GET /verify/<code>; recorded and audited',
    )
    .addOption(
      new Option(
        '--variant <variant>',
        'standard, or special (专项: per domain, counted violations in the last N years)',
      )
        .choices(['standard', 'special'])
        .default('standard'),
    )
    .option('--years <n>', 'years the special variant looks back (default credit_report.special_years)')
    .option('--out <dir>', 'copy the documents to this folder too')
    .option('--no-pdf', 'skip the PDF even when chromium is installed')
    .option('--revoke <number>', 'revoke an issued report (its id 2026-0007 or its number as printed); needs --reason')
    .option('--reason <text>', 'why the report is revoked (with --revoke)')
    .action(
      async (
        uscc: string | undefined,
        opts: {
          variant: 'standard' | 'special';
          years?: string;
          out?: string;
          pdf: boolean;
          revoke?: string;
          reason?: string;
        },
      ) => {
        const ctx = context();
        if (opts.revoke !== undefined) return revokeCreditReport(ctx, opts.revoke, opts.reason ?? '');
        if (uscc === undefined) throw new InputError('give the USCC of the entity to report on, or --revoke <number>');
        if (opts.years !== undefined && !/^([1-9]|10)$/.test(opts.years))
          throw new InputError(`--years must be a whole number from 1 to 10, got "${opts.years}"`);
        const [{ issueCreditReport }, { AuditLog }, { userInfo }] = await Promise.all([
          import('../pipelines/report/credit/issue.js'),
          import('../lib/auth/audit.js'),
          import('node:os'),
        ]);
        const user = userInfo().username;
        const r = await issueCreditReport({
          dataDir: ctx.runtime.dataDir,
          config: ctx.config,
          uscc,
          variant: opts.variant,
          years: opts.years === undefined ? undefined : Number(opts.years),
          issuedBy: user,
          asOf: { value: ctx.runtime.asOf, explicit: ctx.runtime.asOfExplicit },
          copyTo: opts.out,
          chromium: opts.pdf ? undefined : null,
          log: ctx.log,
        });
        // Issuing a report reads the entity's data: audited like an export, as the operating-system user.
        await new AuditLog(ctx.runtime.dataDir).record({
          user,
          role: 'cli',
          via: 'cli',
          action: 'credit_report_issue',
          target: r.record.uscc,
          filters: { report_no: r.record.report_no, variant: r.record.variant },
          format: r.record.files.pdf ? 'pdf+docx' : 'docx',
          rows: null,
          build_id: r.record.build_id,
          ip: null,
        });
        ctx.out(
          `${r.record.report_no} (${r.record.variant === 'special' ? '专项' : 'standard'}, as of ${r.record.as_of}): ` +
            `${r.record.name ?? r.record.uscc}, verification code ${r.record.verification_code}, digest ${r.record.digest}`,
        );
        for (const f of [r.files.pdf, r.files.docx]) if (f) ctx.out(f);
        if (r.pdfSkipped) ctx.out(r.pdfSkipped);
      },
    );
}

/** `--revoke`: recorded with the operating-system user as who revoked it, and audited. */
async function revokeCreditReport(ctx: CommandContext, number: string, reason: string): Promise<void> {
  const [{ revokeReport, findReport }, { AuditLog }, { userInfo }] = await Promise.all([
    import('../lib/creditReport/revocations.js'),
    import('../lib/auth/audit.js'),
    import('node:os'),
  ]);
  const user = userInfo().username;
  const r = await revokeReport(ctx.runtime.dataDir, { number, by: user, reason });
  const report = findReport(ctx.runtime.dataDir, r.report_id)!;
  await new AuditLog(ctx.runtime.dataDir).record({
    user,
    role: 'cli',
    via: 'cli',
    action: 'credit_report_revoke',
    target: report.uscc,
    filters: { report_no: r.report_no },
    format: null,
    rows: null,
    build_id: report.build_id,
    ip: null,
  });
  ctx.out(`${r.report_no} revoked at ${r.revoked_at}: ${r.reason}`);
}
