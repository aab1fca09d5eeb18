/** Puts a screening report together from a published build and the screening history. */
import type { Db } from '../../lib/db.js';
import type { Config } from '../../lib/config/schema.js';
import { InputError } from '../../lib/errors.js';
import type { IssuedReport } from '../../lib/followUp/productSources.js';
import { addWorkingDays } from './dueDate.js';
import { readFlags } from './flags.js';
import { nextReportNo, previousReport, readHistory } from '../../lib/followUp/history.js';
import { parsePeriod } from './period.js';
import { screenEntities } from './routing.js';
import type { DepartmentRow, ReportType, ScreeningReport } from './types.js';
import { sortDepartments } from '../../lib/followUp/departmentOrder.js';

export interface ComposeInput {
  db: Db;
  dataDir: string;
  config: Readonly<Config>;
  period: string;
  build: { build_id: string; as_of: string };
  now: Date;
  /** `--reissue`: a period earlier than the latest issued one, or issued already (issue.ts decides). */
  reissue?: boolean;
}

export async function composeReport(input: ComposeInput): Promise<ScreeningReport> {
  const { db, config, build } = input;
  const period = parsePeriod(input.period);
  // A report speaks for its whole month, so it needs a build dated at the month's end or in the month
  // after (when the monthly run happens); a later build would describe another month.
  if (build.as_of < period.end || build.as_of > period.latestAsOf) {
    throw new InputError(
      `the published build is as of ${build.as_of}; a report for ${period.period} needs a build as of ${period.end} to ${period.latestAsOf}`,
    );
  }
  const history = await readHistory(db, input.dataDir);
  const flags = await readFlags(db);
  const previous = previousReport(history, build.as_of, period.period);
  const screened = screenEntities(flags, config);
  const entities = screened.map((e) => ({
    ...e,
    change: previous?.usccs.has(e.uscc) ? ('still' as const) : ('new' as const),
  }));
  const listed = new Set(entities.map((e) => e.uscc));
  const resolved = previous
    ? [...previous.usccs]
        .filter(([uscc]) => !listed.has(uscc))
        .map(([uscc, name]) => ({ uscc, name }))
        .sort((a, b) => (a.uscc < b.uscc ? -1 : 1))
    : [];
  const { coordinator, department_order: order } = config.reports;
  const departments = sortDepartments(
    entities.flatMap((e) => e.routing.map((r) => r.department)),
    order,
    coordinator,
  );
  const copied = sortDepartments(
    entities.flatMap((e) => e.copies),
    order,
  ).filter((d) => !config.reports.copy_to.includes(d));
  const { flags: f } = config;
  return {
    report_no: nextReportNo(history, config.reports.number_prefix, build.as_of.slice(0, 4)),
    period: period.period,
    as_of: build.as_of,
    build_id: build.build_id,
    issued_at: input.now.toISOString(),
    due_date: await addWorkingDays(db, build.as_of, config.reports.due_working_days),
    issuing_office: config.reports.issuing_office,
    coordinator,
    previous: previous ? { report_no: previous.report_no, report_date: previous.report_date } : null,
    entities,
    resolved,
    departments,
    copyTo: [...config.reports.copy_to, ...copied],
    printedBy: config.reports.printed_by ?? config.reports.issuing_office,
    reissue: input.reissue ?? false,
    domainLabels: flags.domainLabels,
    criteria: {
      repeat_window_days: f.repeat_window_days,
      repeat_min_events: f.repeat_min_events,
      cross_domain_window_days: f.cross_domain_window_days,
      cross_domain_min_domains: f.cross_domain_min_domains,
    },
  };
}

const LEVEL_ORDER: Readonly<Record<ReportType, number>> = { 屡禁不止: 0, 多领域多次违法: 1, 同一领域频繁违法: 2 };

/** One department's entities, the gravest first (屡禁不止, then 多领域, then 同一领域), then by USCC. */
export function departmentRows(report: ScreeningReport, department: string): DepartmentRow[] {
  return report.entities
    .flatMap((entity) =>
      entity.routing
        .filter((r) => r.department === department)
        .map((r) => ({ entity, role: r.role, domains: r.domains })),
    )
    .sort(
      (a, b) => LEVEL_ORDER[a.entity.level] - LEVEL_ORDER[b.entity.level] || (a.entity.uscc < b.entity.uscc ? -1 : 1),
    );
}

/** What the screening history and the follow-up keep of a report. */
export function toIssued(report: ScreeningReport): IssuedReport {
  return {
    report_no: report.report_no,
    period: report.period,
    as_of: report.as_of,
    build_id: report.build_id,
    issued_at: report.issued_at,
    departments: report.departments,
    entries: report.entities.flatMap((e) => [
      ...e.repeat.map((r) => ({ uscc: e.uscc, name: e.name, report_type: '同一领域频繁违法', domain: r.domain })),
      ...(e.cross ? [{ uscc: e.uscc, name: e.name, report_type: '多领域多次违法', domain: null }] : []),
      ...(e.persistent ? [{ uscc: e.uscc, name: e.name, report_type: '屡禁不止', domain: null }] : []),
    ]),
    assignments: report.entities.flatMap((e) =>
      e.routing.map((r) => ({
        uscc: e.uscc,
        name: e.name,
        department: r.department,
        role: r.role,
        measure: e.measure,
        due_date: report.due_date,
      })),
    ),
  };
}
