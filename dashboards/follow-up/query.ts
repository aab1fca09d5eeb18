/**
 * What the follow-up pages show, read live from DIR/reports/ (not from the published build): an action a
 * department records must show at once, and the build copies the same files only at its next run.
 * Status is judged at today's date by lib/followUp/store.ts, the rule the warnings model uses.
 */
import {
  completionByDepartment,
  listAssignments,
  readActions,
  type Assignment,
  type Completion,
  type FollowUpStatus,
} from '../../lib/followUp/store.js';
import { readIssued } from '../../lib/followUp/history.js';
import { fixedClock, type FollowUpClock } from '../../lib/followUp/clock.js';

export interface ReportChoice {
  report_no: string;
  period: string;
  report_date: string;
}

/** `all` shows every report issued so far; otherwise one report number. */
export type ReportSelection = string | 'all';

export interface FollowUpView {
  /** The date the shown report is judged at (its clock); today for every report. */
  date: string;
  /** The shown report runs on its own clock (old data), not on the real date. */
  shifted: boolean;
  reports: ReportChoice[];
  /** The report shown, or null for every report (also when none was issued). */
  report: string | null;
  assignments: Assignment[];
  completion: Completion[];
  /** Overdue items of other reports than the one shown, so an old open item is not hidden by the default. */
  overdueElsewhere: number;
}

/**
 * Latest month first, then the newest build, then the latest issued: the default view is the latest
 * month's report, even when an earlier month was reissued after it.
 */
export function issuedReports(dataDir: string, date: string, clock: FollowUpClock = fixedClock(date)): ReportChoice[] {
  const order = (a: { r: { period: string; as_of: string }; i: number }, b: typeof a) =>
    a.r.period !== b.r.period
      ? a.r.period < b.r.period
        ? 1
        : -1
      : a.r.as_of !== b.r.as_of
        ? a.r.as_of < b.r.as_of
          ? 1
          : -1
        : b.i - a.i;
  return readIssued(dataDir)
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.as_of <= clock(r))
    .sort(order)
    .map(({ r }) => ({ report_no: r.report_no, period: r.period, report_date: r.as_of }));
}

export function followUpView(
  dataDir: string,
  opts: {
    date: string;
    clock?: FollowUpClock;
    department?: string;
    report?: ReportSelection | null;
    order?: (a: string, b: string) => number;
  },
): FollowUpView {
  const clock = opts.clock ?? fixedClock(opts.date);
  const reports = issuedReports(dataDir, opts.date, clock);
  const report = opts.report === 'all' ? null : (opts.report ?? reports[0]?.report_no ?? null);
  const every = listAssignments(dataDir, { date: opts.date, clock, department: opts.department });
  const assignments = report === null ? every : every.filter((a) => a.report_no === report);
  const shown = readIssued(dataDir).find((r) => r.report_no === report);
  const date = shown ? clock(shown) : opts.date;
  return {
    date,
    shifted: date !== opts.date,
    reports,
    report,
    assignments: sortForWork(assignments),
    completion: completionByDepartment(assignments, opts.order),
    overdueElsewhere: every.filter((a) => a.status === 'overdue' && a.report_no !== report).length,
  };
}

const STATUS_ORDER: Readonly<Record<FollowUpStatus, number>> = { overdue: 0, pending: 1, done: 2 };

/** What needs doing first: overdue, then pending, then done; earliest due date first. */
function sortForWork(rows: Assignment[]): Assignment[] {
  const key = (a: Assignment) => `${STATUS_ORDER[a.status]}|${a.due_date}|${a.report_no}|${a.uscc}|${a.department}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** One assignment of a department, or null: the form to record an action is only for an existing one. */
export function findAssignment(
  dataDir: string,
  clock: FollowUpClock,
  reportNo: string,
  uscc: string,
  department: string,
): Assignment | null {
  return (
    listAssignments(dataDir, { date: '', clock, department }).find(
      (a) => a.report_no === reportNo && a.uscc === uscc,
    ) ?? null
  );
}

/** The action that carries an attachment, with the assignment's department (who may see it). */
export function findAttachment(
  dataDir: string,
  id: string,
): { report_no: string; uscc: string; department: string; name: string; type: string } | null {
  const a = readActions(dataDir).find((x) => x.attachment?.id === id);
  return a?.attachment
    ? {
        report_no: a.report_no,
        uscc: a.uscc,
        department: a.department,
        name: a.attachment.name,
        type: a.attachment.type,
      }
    : null;
}
