/**
 * The screening history: reports delivered in the screening_reports source (as the published build
 * staged them) and reports the product issued (DIR/reports/issued.jsonl, read here directly so a report
 * issued after the build still counts). Issued reports are appended by rewriting the file atomically, so a
 * build reading it sees the old or the new file, never half a line.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { Db } from '../db.js';
import { productFiles, type IssuedReport } from './productSources.js';

export interface HistoryReport {
  report_no: string;
  report_date: string;
  /** The month an issued report speaks for; null for a delivered one (its date is all it has). */
  period: string | null;
  /** Order among reports of one date: issued ones by issue time, after delivered ones. */
  order: string;
  usccs: Map<string, string | null>;
}

export function readIssued(dataDir: string): IssuedReport[] {
  const file = productFiles.issued(dataDir);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as IssuedReport);
}

export function writeLinesAtomically(file: string, lines: readonly string[]): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, lines.map((l) => `${l}\n`).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

export function appendIssued(dataDir: string, report: IssuedReport): void {
  mkdirSync(productFiles.dir(dataDir), { recursive: true });
  const lines = readIssued(dataDir).map((r) => JSON.stringify(r));
  writeLinesAtomically(productFiles.issued(dataDir), [...lines, JSON.stringify(report)]);
}

export async function readHistory(db: Db, dataDir: string): Promise<HistoryReport[]> {
  const byNo = new Map<string, HistoryReport>();
  const delivered = await db.all<{ report_no: string; report_date: string; uscc: string; subject_name: string | null }>(
    `select report_no, report_date::varchar as report_date, uscc, subject_name
     from stg_screening_reports__reports
     where record_id not like 'issued:%' and report_no is not null and report_date is not null and uscc is not null
     order by report_no, uscc`,
  );
  for (const r of delivered) {
    const h = byNo.get(r.report_no) ?? {
      report_no: r.report_no,
      report_date: r.report_date,
      period: null,
      order: '',
      usccs: new Map(),
    };
    if (r.report_date > h.report_date) h.report_date = r.report_date;
    h.usccs.set(r.uscc, r.subject_name);
    byNo.set(r.report_no, h);
  }
  for (const r of readIssued(dataDir)) {
    byNo.set(r.report_no, {
      report_no: r.report_no,
      report_date: r.as_of,
      period: r.period,
      order: r.issued_at,
      usccs: new Map(r.entries.map((e) => [e.uscc, e.name])),
    });
  }
  return [...byNo.values()].sort((a, b) =>
    a.report_date === b.report_date
      ? a.order < b.order
        ? -1
        : a.order > b.order
          ? 1
          : 0
      : a.report_date < b.report_date
        ? -1
        : 1,
  );
}

/**
 * The last report dated on or before as-of about an earlier month: what "new", "still listed" and "no
 * longer listed" compare with. An issued report of this or a later period is not "previous", even when
 * its build is as old (a reissued November compares with October, not with December).
 */
export function previousReport(history: readonly HistoryReport[], asOf: string, period: string): HistoryReport | null {
  const before = history.filter((h) => h.report_date <= asOf && (h.period === null || h.period < period));
  return before.at(-1) ?? null;
}

/** The latest period issued so far, or null: a report for an earlier month needs `--reissue`. */
export function latestIssuedPeriod(issued: readonly IssuedReport[]): string | null {
  return issued.reduce<string | null>((max, r) => (max === null || r.period > max ? r.period : max), null);
}

/** 信用办〔2026〕N号: one more than the highest number of that prefix and year anywhere in the history. */
export function nextReportNo(history: readonly HistoryReport[], prefix: string, year: string): string {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}〔${year}〕(\\d+)号$`);
  let max = 0;
  for (const h of history) {
    const m = pattern.exec(h.report_no);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}〔${year}〕${max + 1}号`;
}
