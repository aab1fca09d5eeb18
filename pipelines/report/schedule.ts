/**
 * The monthly screening report as a job of `sentinel start` (pipelines/schedule/scheduler.ts): on
 * reports.day_of_month at reports.time it issues the previous month's report from the published build,
 * and e-mails the departments when reports.email.enabled. A month already issued is left alone, so a
 * restart or a manual run the same day does not issue it twice.
 */
import type { Config } from '../../lib/config/schema.js';
import { todayInShanghai } from '../../lib/dates.js';
import type { Log } from '../../lib/log.js';
import { deliverReport } from './email.js';
import { readIssued } from '../../lib/followUp/history.js';
import { issueScreeningReport, type IssueResult } from './issue.js';
import { previousPeriod } from './period.js';

export function screeningCron(config: Readonly<Config>): string {
  const [hour, minute] = config.reports.time.split(':').map(Number);
  return `${minute} ${hour} ${config.reports.day_of_month} * *`;
}

export async function runMonthlyScreening(opts: {
  dataDir: string;
  config: Readonly<Config>;
  log: Log;
  now?: () => Date;
}): Promise<IssueResult | null> {
  const now = opts.now ?? (() => new Date());
  const period = previousPeriod(todayInShanghai(now()));
  const issued = readIssued(opts.dataDir).find((r) => r.period === period);
  if (issued) {
    opts.log.info({ period, report_no: issued.report_no }, 'screening report already issued for this month');
    return null;
  }
  const result = await issueScreeningReport({ dataDir: opts.dataDir, config: opts.config, period, log: opts.log, now });
  if (opts.config.reports.email.enabled) await deliverReport(result.report, opts.config.reports.email, opts.log);
  return result;
}

/** The job to add to the scheduler's list. */
export function screeningJob(opts: { dataDir: string; config: Readonly<Config>; log: Log; now?: () => Date }): {
  name: string;
  cron: string;
  run: () => Promise<unknown>;
} {
  return { name: 'screening_report', cron: screeningCron(opts.config), run: () => runMonthlyScreening(opts) };
}
