/**
 * GET /api/v1/ops/status (admin): is `sentinel start` running, what runs now, and how the scheduled
 * and delegated jobs went — the last failure first, so a failed night is visible the next morning.
 * Read from DIR/run/start.json and DIR/runs/schedule.jsonl (no DuckDB), so `sentinel serve` answers too.
 */
import { Router } from 'express';
import { mustPrincipal } from '../authenticate.js';
import { HttpError } from '../../lib/errors.js';
import { recentJobRuns, scheduleLogPath } from '../../pipelines/schedule/record.js';
import { isAlive, readStartState } from '../../pipelines/schedule/runState.js';

export function opsRoutes(deps: { dataDir: string }): Router {
  const router = Router();
  router.get('/api/v1/ops/status', (_req, res) => {
    const principal = mustPrincipal(res);
    if (principal.role !== 'admin')
      throw new HttpError(
        403,
        'forbidden',
        `the operations status is for admin; role ${principal.role} may not read it`,
      );
    const state = readStartState(deps.dataDir);
    const live = state !== null && isAlive(state.pid);
    // About three weeks of runs: the 15-minute ingest alone writes 96 a day, and last night's failed build must
    // still be found the next afternoon.
    const window = recentJobRuns(scheduleLogPath(deps.dataDir), 2000, 1024 * 1024);
    const recent = window.slice(0, 50);
    const lastFailure = window.find((r) => r.status === 'failed') ?? null;
    const lastSuccess = (job: string) => window.find((r) => r.job === job && r.status === 'success') ?? null;
    res.json({
      scheduler: live
        ? {
            status: state.stopping ? 'stopping' : 'running',
            pid: state.pid,
            started_at: state.started_at,
            timezone: state.timezone,
            schedules: state.schedules,
            running: state.status.running,
            running_since: state.status.running_since,
            queued: state.status.queued,
          }
        : { status: 'not_running' },
      last_failure: lastFailure,
      last_success: { ingest: lastSuccess('ingest'), build: lastSuccess('build') },
      recent,
    });
  });
  return router;
}
