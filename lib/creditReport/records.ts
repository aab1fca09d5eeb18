/**
 * Credit reports (信用报告) the product issued: one JSON line each in DIR/reports/credit-reports.jsonl
 * (product-owned state beside the screening history, lib/followUp/), private to the service's user
 * (0600 in a 0700 folder). `GET /verify/<code>` reads it, so it lives in lib/: the server and the report
 * command both reach it. Numbering and appending run under one file lock, so two reports issued at once
 * (the server and the CLI) cannot take the same number.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { withFileLock } from '../auth/atomicFile.js';
import { paths } from '../dataDir.js';

export type CreditReportVariant = 'standard' | 'special';

export interface IssuedFile {
  /** The file's name under DIR/reports/credit/. */
  name: string;
  /** SHA-256 of its bytes, hex: what `sha256sum` prints for the copy a holder has. */
  sha256: string;
}

export interface CreditReportRecord {
  /** `2026-0007`: year and sequence, for the product's own links. */
  id: string;
  /** 信用报告〔2026〕7号. */
  report_no: string;
  /** What /verify/<code> takes: 16 characters of Crockford base32, in groups of four. */
  verification_code: string;
  variant: CreditReportVariant;
  uscc: string;
  name: string | null;
  as_of: string;
  build_id: string;
  issued_at: string;
  issued_by: string;
  issuing_office: string;
  /** SHA-256 of the report's content (CreditReport as canonical JSON): printed on the report itself. */
  digest: string;
  files: { pdf: IssuedFile | null; docx: IssuedFile };
}

const file = paths.creditReports;

export function readCreditReports(dataDir: string): CreditReportRecord[] {
  if (!existsSync(file(dataDir))) return [];
  // A line torn by a crash mid-append is skipped, as the follow-up store does.
  return readFileSync(file(dataDir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as CreditReportRecord];
      } catch {
        return [];
      }
    });
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 80 random bits as XXXX-XXXX-XXXX-XXXX: unguessable, and easy to read out over the telephone. */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) out = CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)]! + out;
  return out.match(/.{4}/g)!.join('-');
}

/** A code as typed (lower case, without dashes, O for 0, I or L for 1) in its printed form, or null. */
export function normaliseCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(plain)) return null;
  return plain.match(/.{4}/g)!.join('-');
}

export function findByCode(dataDir: string, typed: string): CreditReportRecord | null {
  const code = normaliseCode(typed);
  if (!code) return null;
  return readCreditReports(dataDir).find((r) => r.verification_code === code) ?? null;
}

export function findById(dataDir: string, id: string): CreditReportRecord | null {
  return readCreditReports(dataDir).find((r) => r.id === id) ?? null;
}

export interface ReportNumber {
  id: string;
  report_no: string;
}

/** One more than the highest number of that year (a prefix changed mid-year keeps counting). */
export function nextNumber(records: readonly CreditReportRecord[], prefix: string, year: string): ReportNumber {
  const n =
    1 + records.filter((r) => r.id.startsWith(`${year}-`)).reduce((m, r) => Math.max(m, Number(r.id.slice(5))), 0);
  return { id: `${year}-${String(n).padStart(4, '0')}`, report_no: `${prefix}〔${year}〕${n}号` };
}

/**
 * Numbers a report, lets `write` make its documents under that number, then records it. The lock holds
 * from numbering to recording, so a failed write records nothing and frees the number again.
 */
export async function issueNumbered(
  dataDir: string,
  prefix: string,
  year: string,
  write: (n: ReportNumber & { verification_code: string }) => Promise<CreditReportRecord>,
): Promise<CreditReportRecord> {
  mkdirSync(paths.reports(dataDir), { recursive: true, mode: 0o700 });
  return withFileLock(
    file(dataDir),
    async () => {
      const n = nextNumber(readCreditReports(dataDir), prefix, year);
      const record = await write({ ...n, verification_code: newVerificationCode() });
      // After a torn append the file may not end in a newline: start a fresh line so this record stays whole.
      const torn = existsSync(file(dataDir)) && !readFileSync(file(dataDir), 'utf8').endsWith('\n');
      const text = `${torn && statSync(file(dataDir)).size > 0 ? '\n' : ''}${JSON.stringify(record)}\n`;
      appendFileSync(file(dataDir), text, { mode: 0o600 });
      return record;
    },
    // Writing the PDF through chromium takes seconds: wait for another issue rather than fail.
    120_000,
  );
}
