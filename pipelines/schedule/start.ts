/**
 * `sentinel start`: the server, the scheduler and the control endpoint in one long-lived process.
 * Warehouse work (ingest, build, run) runs one job at a time in a child process (childJob.ts); other
 * processes ask for it through the control endpoint (delegate.ts) instead of opening the warehouse.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../lib/config/schema.js';
import { todayInShanghai } from '../../lib/dates.js';
import { SentinelError } from '../../lib/errors.js';
import type { Log } from '../../lib/log.js';
import { paths } from '../../lib/dataDir.js';
import { screeningJob } from '../report/schedule.js';
import { runWorkInChild, type ChildSettings } from './childJob.js';
import { startControlServer } from './control.js';
import { jobsFromConfig } from './jobs.js';
import { jsonlRecorder, scheduleLogPath } from './record.js';
import { answersPing } from './delegate.js';
import { clearRunState, createToken, liveStartState, readToken, writeStartState, type StartState } from './runState.js';
import { createScheduler, type Job, type SchedulerStatus } from './scheduler.js';
import type { WorkOutcome, WorkRequest } from './work.js';
import { reachPeople } from './reach.js';

export interface StartOptions {
  dataDir: string;
  config: Readonly<Config>;
  /** The override file the jobs' child processes load too. */
  configPath: string | undefined;
  /** A fixed as-of (from --as-of); otherwise every build takes today's date in Asia/Shanghai when it runs. */
  asOf: string | null;
  /** Let the scheduled builds take that as-of when it is after today (`--allow-future`). */
  allowFuture?: boolean;
  log: Log;
  logLevel: string;
  port: number;
  host: string;
  now?: () => Date;
  /**
   * Starts the dashboards and API (server/main.ts's startServer). Passed in by the caller, so the
   * scheduled stages never import the server that reads what they build.
   */
  serve: (o: {
    dataDir: string;
    config: Readonly<Config>;
    log: Log;
    port: number;
    host: string;
  }) => Promise<{ url: string; stop(): Promise<void> }>;
  /** What each warning kind is called in the digest e-mail (the pages' labels; a kind without one shows its code). */
  warningKindLabels?: Readonly<Record<string, string>>;
}

export interface RunningStart {
  url: string;
  controlPort: number;
  /** Stops the timers, lets the running job finish, closes both servers and removes DIR/run/start.json. */
  stop(): Promise<void>;
}

/** Inbox files not yet taken; the 15-minute ingest spawns nothing when there are none. */
export function pendingInboxFiles(dataDir: string): number {
  const inbox = paths.inbox(dataDir);
  if (!existsSync(inbox)) return 0;
  let n = 0;
  for (const source of readdirSync(inbox, { withFileTypes: true })) {
    if (!source.isDirectory()) continue;
    n += readdirSync(join(inbox, source.name), { withFileTypes: true }).filter(
      (f) => f.isFile() && !f.name.startsWith('.'),
    ).length;
  }
  return n;
}

/** A recorded start whose pid is alive but that does not answer is stale (the pid was reused after a crash). */
async function otherAnswers(dataDir: string, port: number): Promise<boolean> {
  let token: string;
  try {
    token = readToken(dataDir);
  } catch {
    return false;
  }
  return answersPing(port, token);
}

export async function startSentinel(opts: StartOptions): Promise<RunningStart> {
  const now = opts.now ?? (() => new Date());
  const { dataDir, config, log } = opts;
  const other = liveStartState(dataDir);
  if (other && other.pid !== process.pid && (await otherAnswers(dataDir, other.control_port))) {
    throw new SentinelError(
      'already_running',
      `sentinel start is already running on ${dataDir} (PID ${other.pid}, ${other.url}); stop it first`,
    );
  }
  const child: ChildSettings = { dataDir, configPath: opts.configPath, logLevel: opts.logLevel };
  const work = (req: WorkRequest): Omit<Job, 'cron'> => ({
    name: req.job,
    run: async (): Promise<WorkOutcome> => {
      const outcome = await runWorkInChild(
        {
          ...req,
          asOf: req.asOf ?? opts.asOf ?? todayInShanghai(now()),
          allowFuture: req.allowFuture ?? opts.allowFuture ?? false,
        },
        child,
      );
      // After a publish, the new warnings reach people (inboxes, digest): once per build, recorded.
      if (req.job !== 'ingest')
        await reachPeople({ dataDir, config, log, now, kindLabels: opts.warningKindLabels ?? {} });
      return outcome;
    },
  });
  const handlers: Record<string, () => Promise<unknown>> = {
    ingest: async () => {
      if (pendingInboxFiles(dataDir) === 0) return { message: 'no new files in the inbox' };
      return work({ job: 'ingest' }).run();
    },
    build: () => work({ job: 'build' }).run(),
  };
  const jobs = [...jobsFromConfig(config.schedules, handlers, log), screeningJob({ dataDir, config, log, now })];

  let state: StartState | null = null;
  const publish = (status: SchedulerStatus): void => {
    if (!state) return;
    const { recent: _recent, ...current } = status;
    state = { ...state, status: current };
    writeStartState(dataDir, state);
  };
  const scheduler = createScheduler({
    jobs,
    timezone: config.timezone,
    log,
    now,
    record: jsonlRecorder(scheduleLogPath(dataDir)),
    onChange: publish,
  });

  const token = createToken(dataDir);
  const control = await startControlServer({ token, scheduler, job: work, log });
  let server;
  try {
    server = await opts.serve({ dataDir, config, log, port: opts.port, host: opts.host });
  } catch (e) {
    await control.close();
    clearRunState(dataDir);
    throw e;
  }
  state = {
    pid: process.pid,
    control_port: control.port,
    url: server.url,
    started_at: now().toISOString(),
    timezone: config.timezone,
    schedules: jobs.map((j) => ({ job: j.name, cron: j.cron })),
    stopping: false,
    status: { running: null, running_since: null, queued: [] },
  };
  writeStartState(dataDir, state);
  scheduler.start();
  const running = server;
  return {
    url: running.url,
    controlPort: control.port,
    async stop() {
      if (state) writeStartState(dataDir, (state = { ...state, stopping: true }));
      await scheduler.stop();
      await control.close();
      await running.stop();
      state = null;
      clearRunState(dataDir);
    },
  };
}
