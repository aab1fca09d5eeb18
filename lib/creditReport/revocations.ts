/**
 * Revoked credit reports (信用报告撤销): one JSON line each in DIR/reports/credit-report-revocations.jsonl,
 * beside the issued reports' records and private like them (0600 in a 0700 folder). A report is revoked
 * once, with a reason; the issued record itself is never rewritten, so what was issued stays as it was.
 * `GET /verify/<code>` says that and when a report was revoked — not by whom, nor why: the page is for
 * anyone holding the document and tells nothing about the entity or the office's staff.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { withFileLock } from '../auth/atomicFile.js';
import { paths } from '../dataDir.js';
import { InputError } from '../errors.js';
import { readCreditReports, type CreditReportRecord } from './records.js';

export interface CreditReportRevocation {
  /** The record's id (`2026-0007`). */
  report_id: string;
  report_no: string;
  /** ISO timestamp (UTC). */
  revoked_at: string;
  revoked_by: string;
  reason: string;
}

const REASON_MAX = 500;
const file = paths.creditReportRevocations;

export function readRevocations(dataDir: string): CreditReportRevocation[] {
  if (!existsSync(file(dataDir))) return [];
  // A line torn by a crash mid-append is skipped, as the issued reports' records are.
  return readFileSync(file(dataDir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as CreditReportRevocation];
      } catch {
        return [];
      }
    });
}

export function revocationOf(dataDir: string, reportId: string): CreditReportRevocation | null {
  return readRevocations(dataDir).find((r) => r.report_id === reportId) ?? null;
}

/** A report named by its id (`2026-0007`) or its number as printed (信用报告〔2026〕7号). */
export function findReport(dataDir: string, number: string): CreditReportRecord | null {
  const n = number.trim();
  return readCreditReports(dataDir).find((r) => r.id === n || r.report_no === n) ?? null;
}

/** Revokes an issued report, once, with a reason; under a lock, so two revocations cannot both be recorded. */
export async function revokeReport(
  dataDir: string,
  input: { number: string; by: string; reason: string },
  now: Date = new Date(),
): Promise<CreditReportRevocation> {
  const reason = input.reason.trim();
  if (!reason) throw new InputError('撤销信用报告须填写理由');
  if (reason.length > REASON_MAX) throw new InputError(`撤销理由不能超过 ${REASON_MAX} 字`);
  const report = findReport(dataDir, input.number);
  if (!report) throw new InputError(`没有编号为 ${input.number} 的信用报告`);
  mkdirSync(dirname(file(dataDir)), { recursive: true, mode: 0o700 });
  return withFileLock(file(dataDir), () => {
    const earlier = revocationOf(dataDir, report.id);
    if (earlier) throw new InputError(`信用报告 ${report.report_no} 已于 ${earlier.revoked_at} 撤销`);
    const revocation: CreditReportRevocation = {
      report_id: report.id,
      report_no: report.report_no,
      revoked_at: now.toISOString(),
      revoked_by: input.by,
      reason,
    };
    const text = existsSync(file(dataDir)) ? readFileSync(file(dataDir), 'utf8') : '';
    const torn = text.length > 0 && !text.endsWith('\n');
    appendFileSync(file(dataDir), `${torn ? '\n' : ''}${JSON.stringify(revocation)}\n`, { mode: 0o600 });
    return revocation;
  });
}
