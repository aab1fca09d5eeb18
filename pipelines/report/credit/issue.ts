/**
 * `sentinel report credit <uscc>` and the profile's button: reads what the published build says about one
 * entity, numbers the report, writes its DOCX and (through chromium) PDF under DIR/reports/credit/, and
 * records it with its verification code and digest (lib/creditReport/records.ts). The caller audits the
 * issue: the CLI as the operating-system user, the server as the signed-in one.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Config } from '../../../lib/config/schema.js';
import {
  issueNumbered,
  type CreditReportRecord,
  type CreditReportVariant,
  type IssuedFile,
} from '../../../lib/creditReport/records.js';
import type { BuildSource, CreditReportIssuer } from '../../../lib/creditReport/issuer.js';
import { paths } from '../../../lib/dataDir.js';
import { todayInShanghai } from '../../../lib/dates.js';
import { InputError } from '../../../lib/errors.js';
import type { Log } from '../../../lib/log.js';
import { openPublished } from '../../../lib/publish/reader.js';
import { isValidUscc, normaliseCode } from '../../../lib/validate/uscc.js';
import { CHROMIUM, chromiumAvailable, htmlFileToPdf } from '../pdf.js';
import { readCreditData, readDomainStatements } from './data.js';
import { creditReportDocx } from './docx.js';
import { creditReportHtml } from './html.js';
import type { CreditReport } from './types.js';

export interface CreditIssueInput {
  dataDir: string;
  config: Readonly<Config>;
  uscc: string;
  variant: CreditReportVariant;
  /** Who issued it (a user name, or the operating-system user for the CLI). */
  issuedBy: string;
  /** Years the 专项 variant looks back; default credit_report.special_years. */
  years?: number;
  source?: BuildSource;
  /** The command's --as-of, refused when it is explicit and differs from the published build's. */
  asOf?: { value: string; explicit: boolean };
  /** Copy the documents here too (the CLI's --out). */
  copyTo?: string;
  /** Path of chromium for the PDF; null skips the PDF. */
  chromium?: string | null;
  now?: () => Date;
  log: Log;
}

export interface CreditIssueResult {
  record: CreditReportRecord;
  report: CreditReport;
  files: { pdf: string | null; docx: string };
  pdfSkipped: string | null;
}

/** JSON with keys sorted at every level: the same report always has the same digest. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

function writePrivate(file: string, bytes: Buffer | string): IssuedFile {
  writeFileSync(file, bytes, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { name: basename(file), sha256: sha256(bytes) };
}

async function withSource<T>(input: CreditIssueInput, fn: (s: BuildSource) => Promise<T>): Promise<T> {
  if (input.source) return fn(input.source);
  const published = await openPublished(input.dataDir);
  try {
    return await fn({ pointer: published.pointer, query: (q) => q(published.db) });
  } finally {
    published.close();
  }
}

export async function issueCreditReport(input: CreditIssueInput): Promise<CreditIssueResult> {
  const uscc = normaliseCode(input.uscc);
  if (!isValidUscc(uscc)) throw new InputError(`"${input.uscc}" is not a valid unified social credit code`);
  const years = input.years ?? input.config.credit_report.special_years;
  const read = await withSource(input, async (source) => {
    if (input.asOf?.explicit && input.asOf.value !== source.pointer.as_of)
      throw new InputError(
        `--as-of ${input.asOf.value} differs from the published build, which is as of ${source.pointer.as_of}`,
      );
    return source.query(async (db) => ({
      pointer: source.pointer,
      data: await readCreditData(db, uscc),
      special: input.variant === 'special' ? await readDomainStatements(db, uscc, source.pointer.as_of, years) : null,
    }));
  });
  const now = (input.now ?? (() => new Date()))();
  const issuedDate = todayInShanghai(now);
  const { issuing_office: office, number_prefix: prefix, verify_base_url: base } = input.config.credit_report;
  const dir = paths.creditReportFiles(input.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let pdfSkipped: string | null = null;
  let report: CreditReport | null = null;
  const record = await issueNumbered(input.dataDir, prefix, issuedDate.slice(0, 4), async (n) => {
    report = {
      id: n.id,
      report_no: n.report_no,
      verification_code: n.verification_code,
      variant: input.variant,
      uscc,
      as_of: read.pointer.as_of,
      build_id: read.pointer.build_id,
      issued_at: now.toISOString(),
      issued_date: issuedDate,
      issuing_office: office,
      verify_url: `${(base ?? '').replace(/\/$/, '')}/verify/${n.verification_code}`,
      ...read.data,
      special: read.special ? { years, ...read.special } : null,
    };
    const digest = sha256(canonicalJson(report));
    const base_ = join(dir, `credit-report-${n.id}`);
    const docx = writePrivate(`${base_}.docx`, await creditReportDocx(report, digest));
    let pdf: IssuedFile | null = null;
    const chromium = input.chromium === undefined ? CHROMIUM : input.chromium;
    if (chromium && chromiumAvailable(chromium)) {
      const scratch = mkdtempSync(join(tmpdir(), 'credit-report-'));
      try {
        const html = join(scratch, 'report.html');
        writeFileSync(html, creditReportHtml(report, digest));
        await htmlFileToPdf(html, join(scratch, 'report.pdf'), chromium);
        pdf = writePrivate(`${base_}.pdf`, readFileSync(join(scratch, 'report.pdf')));
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    } else {
      pdfSkipped = chromium
        ? `no PDF: ${chromium} is not installed (apt-get install -y chromium fonts-wqy-microhei)`
        : 'no PDF: disabled';
      input.log.warn(pdfSkipped);
    }
    return {
      id: n.id,
      report_no: n.report_no,
      verification_code: n.verification_code,
      variant: input.variant,
      uscc,
      name: report.name,
      as_of: report.as_of,
      build_id: report.build_id,
      issued_at: report.issued_at,
      issued_by: input.issuedBy,
      issuing_office: office,
      digest,
      files: { pdf, docx },
    };
  });
  const files = {
    docx: join(dir, record.files.docx.name),
    pdf: record.files.pdf ? join(dir, record.files.pdf.name) : null,
  };
  if (input.copyTo) {
    mkdirSync(input.copyTo, { recursive: true });
    for (const f of [files.docx, files.pdf]) if (f) copyFileSync(f, join(input.copyTo, basename(f)));
  }
  input.log.info({ report_no: record.report_no, uscc, variant: input.variant }, 'credit report issued');
  return { record, report: report!, files, pdfSkipped };
}

/** The issuer `sentinel serve` and `sentinel start` give the server (lib/creditReport/issuer.ts). */
export function creditReportIssuer(opts: {
  dataDir: string;
  config: Readonly<Config>;
  log: Log;
  chromium?: string | null;
}): CreditReportIssuer {
  return async (req) =>
    (
      await issueCreditReport({
        ...opts,
        uscc: req.uscc,
        variant: req.variant,
        issuedBy: req.issuedBy,
        source: req.source,
      })
    ).record;
}
