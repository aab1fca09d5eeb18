/**
 * What the follow-up pages show, read live from DIR/reports/ (not from the published build): an action a
 * department records must show at once, and the build copies the same files only at its next run.
 * Status is judged at today's date by lib/followUp/store.ts, the rule the warnings model uses.
 */
import type { ExportRow } from '../../pipelines/export/formats.js';
import {
  completionByDepartment,
  listAssignments,
  type Assignment,
  type Completion,
  type FollowUpStatus,
} from '../../lib/followUp/store.js';
import { readIssued } from '../../lib/followUp/history.js';

export interface ReportChoice {
  report_no: string;
  period: string;
  report_date: string;
}

/** `all` shows every report issued so far; otherwise one report number. */
export type ReportSelection = string | 'all';

export interface FollowUpView {
  date: string;
  reports: ReportChoice[];
  /** The report shown, or null for every report (also when none was issued). */
  report: string | null;
  assignments: Assignment[];
  completion: Completion[];
  /** Overdue items of other reports than the one shown, so an old open item is not hidden by the default. */
  overdueElsewhere: number;
}

/** Newest report first (by report date, then issue order). */
export function issuedReports(dataDir: string, date: string): ReportChoice[] {
  return readIssued(dataDir)
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.as_of <= date)
    .sort((a, b) => (a.r.as_of === b.r.as_of ? b.i - a.i : a.r.as_of < b.r.as_of ? 1 : -1))
    .map(({ r }) => ({ report_no: r.report_no, period: r.period, report_date: r.as_of }));
}

export function followUpView(
  dataDir: string,
  opts: { date: string; department?: string; report?: ReportSelection | null },
): FollowUpView {
  const reports = issuedReports(dataDir, opts.date);
  const report = opts.report === 'all' ? null : (opts.report ?? reports[0]?.report_no ?? null);
  const every = listAssignments(dataDir, { date: opts.date, department: opts.department });
  const assignments = report === null ? every : every.filter((a) => a.report_no === report);
  return {
    date: opts.date,
    reports,
    report,
    assignments: sortForWork(assignments),
    completion: completionByDepartment(assignments),
    overdueElsewhere: every.filter((a) => a.status === 'overdue' && a.report_no !== report).length,
  };
}

const STATUS_ORDER: Readonly<Record<FollowUpStatus, number>> = { overdue: 0, pending: 1, done: 2 };

/** What needs doing first: overdue, then pending, then done; earliest due date first. */
function sortForWork(rows: Assignment[]): Assignment[] {
  const key = (a: Assignment) => `${STATUS_ORDER[a.status]}|${a.due_date}|${a.report_no}|${a.uscc}|${a.department}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export const ASSIGNMENT_COLUMNS = [
  'report_no',
  'period',
  'report_date',
  'uscc',
  'name',
  'department',
  'role',
  'measure',
  'due_date',
  'status',
  'action_measure',
  'action_date',
  'action_note',
  'recorded_by',
  'recorded_at',
] as const;

export function assignmentRows(rows: readonly Assignment[]): ExportRow[] {
  return rows.map((a) => ({
    report_no: a.report_no,
    period: a.period,
    report_date: a.report_date,
    uscc: a.uscc,
    name: a.name,
    department: a.department,
    role: a.role,
    measure: a.measure,
    due_date: a.due_date,
    status: a.status,
    action_measure: a.action?.measure ?? null,
    action_date: a.action?.action_date ?? null,
    action_note: a.action?.note ?? null,
    recorded_by: a.action?.recorded_by ?? null,
    recorded_at: a.action?.recorded_at ?? null,
  }));
}

export const COMPLETION_COLUMNS = ['department', 'assigned', 'done', 'pending', 'overdue', 'completion_rate'] as const;

export function completionRows(rows: readonly Completion[]): ExportRow[] {
  return rows.map((c) => ({ ...c }));
}

/** One assignment of a department, or null: the form to record an action is only for an existing one. */
export function findAssignment(
  dataDir: string,
  date: string,
  reportNo: string,
  uscc: string,
  department: string,
): Assignment | null {
  return (
    listAssignments(dataDir, { date, department }).find((a) => a.report_no === reportNo && a.uscc === uscc) ?? null
  );
}
