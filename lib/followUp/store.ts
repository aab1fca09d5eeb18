/**
 * The follow-up loop of issued screening reports, for the server and the CLI: each department's
 * assignments (from DIR/reports/issued.jsonl), the actions it recorded (DIR/reports/follow-up-actions.jsonl)
 * and the status at a date — done once an action dated on or before it exists, overdue once the date is
 * past the due date without one, pending otherwise. Builds read the same two files (schema `product`), so
 * the warnings model judges follow_up_overdue by the same rule.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { parseIsoDate } from '../dates.js';
import { InputError } from '../errors.js';
import { productFiles, type FollowUpAction, type IssuedAssignment } from './productSources.js';
import { readIssued } from './history.js';
import type { Attachment } from './attachments.js';
import { fixedClock, type FollowUpClock } from './clock.js';

const MEASURES: readonly string[] = ['告知', '约谈', '培训'];

export type FollowUpStatus = 'pending' | 'done' | 'overdue';

export interface Assignment extends IssuedAssignment {
  report_no: string;
  period: string;
  report_date: string;
  /** The date the status is judged at: the report's clock (clock.ts). */
  status_date: string;
  status: FollowUpStatus;
  /** Done with an action dated after the due date: 逾期办结. */
  late: boolean;
  /** The latest action dated on or before the status date. */
  action: FollowUpAction | null;
}

export function readActions(dataDir: string): FollowUpAction[] {
  const file = productFiles.actions(dataDir);
  if (!existsSync(file)) return [];
  // A line torn by a crash mid-append is skipped, here and in the build (ignore_errors), alike.
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as FollowUpAction];
      } catch {
        return [];
      }
    });
}

const key = (reportNo: string, uscc: string, department: string): string =>
  `${reportNo}\u0000${uscc}\u0000${department}`;

export function statusAt(dueDate: string, action: FollowUpAction | null, date: string): FollowUpStatus {
  if (action) return 'done';
  return date > dueDate ? 'overdue' : 'pending';
}

/**
 * Every assignment of every issued report (or of one department), with its status at the date of the
 * report's clock (`clock`; `date` judges every report at that one date). A report whose clock has not
 * reached its report date is left out, as is an action dated after the clock.
 */
export function listAssignments(
  dataDir: string,
  opts: { date: string; clock?: FollowUpClock; department?: string },
): Assignment[] {
  const clock = opts.clock ?? fixedClock(opts.date);
  const reports = readIssued(dataDir).map((r) => ({ r, at: clock(r) }));
  const at = new Map(reports.map(({ r, at }) => [r.report_no, at]));
  const actions = new Map<string, FollowUpAction>();
  for (const a of readActions(dataDir)) {
    const until = at.get(a.report_no);
    if (until === undefined || a.action_date > until) continue;
    const k = key(a.report_no, a.uscc, a.department);
    const prev = actions.get(k);
    if (
      !prev ||
      a.action_date > prev.action_date ||
      (a.action_date === prev.action_date && a.recorded_at > prev.recorded_at)
    )
      actions.set(k, a);
  }
  return reports
    .filter(({ r, at }) => r.as_of <= at)
    .flatMap(({ r, at }) =>
      r.assignments
        .filter((a) => opts.department === undefined || a.department === opts.department)
        .map((a) => {
          const action = actions.get(key(r.report_no, a.uscc, a.department)) ?? null;
          return {
            ...a,
            report_no: r.report_no,
            period: r.period,
            report_date: r.as_of,
            status_date: at,
            status: statusAt(a.due_date, action, at),
            late: action !== null && action.action_date > a.due_date,
            action,
          };
        }),
    );
}

export interface ActionInput {
  report_no: string;
  uscc: string;
  department: string;
  measure: string;
  action_date: string;
  note?: string | null;
  recorded_by?: string | null;
  attachment?: Attachment | null;
}

/**
 * Records what a department did. Each action is one appended line (a single write), so concurrent
 * recorders in the server and the CLI do not overwrite each other; the latest action counts.
 */
export function recordAction(dataDir: string, input: ActionInput, now: Date = new Date()): FollowUpAction {
  const report = readIssued(dataDir).find((r) => r.report_no === input.report_no);
  if (!report) throw new InputError(`no issued screening report ${input.report_no}`);
  const assignment = report.assignments.find((a) => a.uscc === input.uscc && a.department === input.department);
  if (!assignment) throw new InputError(`${input.report_no} does not assign ${input.uscc} to ${input.department}`);
  // A department may take a stronger or milder measure than recommended, but only one of the three.
  if (!MEASURES.includes(input.measure)) {
    throw new InputError(`measure must be one of 告知, 约谈, 培训, got "${input.measure}"`);
  }
  if (parseIsoDate(input.action_date) === null)
    throw new InputError(`action date must be YYYY-MM-DD, got "${input.action_date}"`);
  if (input.action_date < report.as_of) {
    throw new InputError(
      `action date ${input.action_date} is before the report date ${report.as_of} of ${report.report_no}`,
    );
  }
  const action: FollowUpAction = {
    report_no: input.report_no,
    uscc: input.uscc,
    department: input.department,
    measure: input.measure,
    action_date: input.action_date,
    note: input.note ?? null,
    recorded_by: input.recorded_by ?? null,
    recorded_at: now.toISOString(),
    ...(input.attachment ? { attachment: input.attachment } : {}),
  };
  mkdirSync(productFiles.dir(dataDir), { recursive: true });
  const file = productFiles.actions(dataDir);
  // After a torn append the file may not end in a newline: start a fresh line so this action stays whole.
  const torn = existsSync(file) && statSync(file).size > 0 && !readFileSync(file, 'utf8').endsWith('\n');
  appendFileSync(file, `${torn ? '\n' : ''}${JSON.stringify(action)}\n`);
  return action;
}

export interface Completion {
  department: string;
  assigned: number;
  done: number;
  /** Of `done`, those done after the due date (逾期办结). */
  done_late: number;
  pending: number;
  overdue: number;
  /** done / assigned. */
  completion_rate: number;
}

/** Completion per department, for the credit office (sorted by department name, or by `order`). */
export function completionByDepartment(
  assignments: readonly Assignment[],
  order: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0),
): Completion[] {
  const by = new Map<string, Completion>();
  for (const a of assignments) {
    const c = by.get(a.department) ?? {
      department: a.department,
      assigned: 0,
      done: 0,
      done_late: 0,
      pending: 0,
      overdue: 0,
      completion_rate: 0,
    };
    c.assigned++;
    c[a.status]++;
    if (a.late) c.done_late++;
    by.set(a.department, c);
  }
  return [...by.values()]
    .map((c) => ({ ...c, completion_rate: c.done / c.assigned }))
    .sort((a, b) => order(a.department, b.department));
}

/** The follow_up_overdue warnings of rules.md §9 at a date: one per department with overdue items. */
export function overdueByDepartment(
  assignments: readonly Assignment[],
): Array<{ department: string; overdue: Assignment[] }> {
  const by = new Map<string, Assignment[]>();
  for (const a of assignments) if (a.status === 'overdue') by.set(a.department, [...(by.get(a.department) ?? []), a]);
  return [...by]
    .map(([department, overdue]) => ({ department, overdue }))
    .sort((a, b) => (a.department < b.department ? -1 : 1));
}
