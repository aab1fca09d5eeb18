/**
 * What the server needs to issue a credit report from the profile's button. The server may not import
 * the report stage (docs/architecture.md), so `sentinel serve` and `sentinel start` hand it an issuer
 * (pipelines/report/credit/issue.ts creditReportIssuer) as they hand the schedule host the server.
 */
import type { Db } from '../db.js';
import type { CreditReportRecord, CreditReportVariant } from './records.js';

/** A published build to read from: the server's open handle, or one the report command opens itself. */
export interface BuildSource {
  pointer: { build_id: string; as_of: string };
  query<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

export interface CreditReportRequest {
  uscc: string;
  variant: CreditReportVariant;
  issuedBy: string;
  source: BuildSource;
}

export type CreditReportIssuer = (req: CreditReportRequest) => Promise<CreditReportRecord>;
