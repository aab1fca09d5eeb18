/**
 * Turns the `schedules` of the configuration into jobs. A schedule whose work does not exist yet (the
 * monthly report before its issue lands) is left out with a warning instead of failing at start-up.
 */
import type { Log } from '../../lib/log.js';
import type { Job } from './scheduler.js';

export function jobsFromConfig(
  schedules: Readonly<Record<string, string>>,
  handlers: Readonly<Record<string, () => Promise<unknown>>>,
  log: Log,
): Job[] {
  const jobs: Job[] = [];
  for (const [name, expr] of Object.entries(schedules)) {
    const run = handlers[name];
    if (!run) {
      log.warn({ job: name }, 'a schedule names a job this version cannot run; it is not scheduled');
      continue;
    }
    jobs.push({ name, cron: expr, run });
  }
  return jobs;
}
