/**
 * The scheduler of `sentinel start`: cron schedules (node-cron, in the configured time zone) feeding one
 * queue, so at most one job runs at a time — ingest and build both write the warehouse, and DuckDB allows
 * one writer. A job that fires while it is already running or queued is skipped and recorded; a job
 * that fails is logged and recorded, and the next one still runs. Work asked for by another process
 * (`sentinel ingest` delegated to `sentinel start`) is submitted: it waits its turn and is never skipped.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { randomBytes } from 'node:crypto';
import type { Log } from '../../lib/log.js';

export interface Job {
  name: string;
  /** node-cron expression (five fields, or six with seconds). */
  cron: string;
  /** A returned `{message}` is recorded with a successful run (e.g. which build was published). */
  run: () => Promise<unknown>;
}

export interface JobRun {
  run_id: string;
  job: string;
  trigger: 'scheduled' | 'manual' | 'delegated';
  status: 'success' | 'failed' | 'skipped' | 'cancelled';
  started_at: string;
  finished_at: string;
  seconds: number;
  message: string | null;
}

export interface SchedulerOptions {
  jobs: readonly Job[];
  timezone: string;
  log: Log;
  now?: () => Date;
  /** Where finished runs go (e.g. a JSON-lines file); failures to record are logged, never thrown. */
  record?: (run: JobRun) => void | Promise<void>;
  /** How many finished runs `status()` shows. */
  keepRecent?: number;
  /** Called whenever a job is queued, starts or finishes (e.g. to publish the status to a file). */
  onChange?: (status: SchedulerStatus) => void;
}

export interface SchedulerStatus {
  running: string | null;
  /** When the running job started (ISO), null when idle. */
  running_since: string | null;
  queued: string[];
  recent: JobRun[];
}

/** A submitted job's record, with what it returned or threw (a delegating command prints either). */
export interface Submitted {
  run: JobRun;
  result: unknown;
  error: unknown;
}

export interface Scheduler {
  start(): void;
  /** Stops the timers, cancels queued runs and waits for the running job to finish. */
  stop(): Promise<void>;
  /** Queues a job now (as `sentinel run` would); resolves with its record. */
  runNow(name: string): Promise<JobRun>;
  /** Queues work from outside the schedule behind whatever runs or waits; cancelled only by stop(). */
  submit(job: Omit<Job, 'cron'>, trigger?: JobRun['trigger']): Promise<Submitted>;
  status(): SchedulerStatus;
}

let loggerRouted = false;

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const now = opts.now ?? (() => new Date());
  const { log } = opts;
  const keepRecent = opts.keepRecent ?? 50;
  const byName = new Map(opts.jobs.map((j) => [j.name, j]));
  for (const j of opts.jobs) {
    if (!cron.validate(j.cron)) throw new Error(`schedule for ${j.name} is not a valid cron expression: "${j.cron}"`);
  }
  if (!loggerRouted) {
    // node-cron prints stack traces to the console by default; keep everything in the structured log.
    cron.setLogger({
      info: (m) => log.debug({ component: 'node-cron' }, m),
      warn: (m) => log.warn({ component: 'node-cron' }, m),
      error: (m, e) => log.error({ component: 'node-cron', err: e ?? m }, String(m)),
      debug: (m) => log.debug({ component: 'node-cron' }, String(m)),
    });
    loggerRouted = true;
  }

  type Queued = {
    job: Omit<Job, 'cron'>;
    trigger: JobRun['trigger'];
    done: (s: Submitted) => void;
    waitsItsTurn: boolean;
  };
  const queue: Queued[] = [];
  const recent: JobRun[] = [];
  let running: string | null = null;
  let runningSince: string | null = null;
  let current: Promise<void> | null = null;
  let stopped = false;
  const tasks: ScheduledTask[] = [];
  const status = (): SchedulerStatus => ({
    running,
    running_since: runningSince,
    queued: queue.map((q) => q.job.name),
    recent: [...recent],
  });
  const changed = (): void => {
    try {
      opts.onChange?.(status());
    } catch (e) {
      log.error({ err: (e as Error).message }, 'could not publish the scheduler status');
    }
  };

  const finish = async (run: JobRun): Promise<JobRun> => {
    recent.push(run);
    if (recent.length > keepRecent) recent.shift();
    try {
      await opts.record?.(run);
    } catch (e) {
      log.error({ err: (e as Error).message, job: run.job }, 'could not record a job run');
    }
    changed();
    return run;
  };

  const immediate = (
    job: string,
    trigger: JobRun['trigger'],
    status: 'skipped' | 'cancelled',
    message: string,
  ): Promise<JobRun> => {
    const at = now().toISOString();
    return finish({
      run_id: randomBytes(6).toString('hex'),
      job,
      trigger,
      status,
      started_at: at,
      finished_at: at,
      seconds: 0,
      message,
    });
  };

  const drain = (): void => {
    if (current || stopped) return;
    const next = queue.shift();
    if (!next) return;
    running = next.job.name;
    const startedAt = now();
    runningSince = startedAt.toISOString();
    changed();
    current = (async () => {
      const t0 = performance.now();
      const runId = randomBytes(6).toString('hex');
      log.info({ job: next.job.name, run_id: runId, trigger: next.trigger }, 'job started');
      let status: JobRun['status'] = 'success';
      let message: string | null = null;
      let result: unknown;
      let error: unknown;
      try {
        result = await next.job.run();
        const said = (result as { message?: unknown } | null | undefined)?.message;
        if (typeof said === 'string') message = said;
      } catch (e) {
        error = e;
        status = 'failed';
        message = (e as Error).message;
        log.error({ job: next.job.name, run_id: runId, err: message }, 'job failed');
      }
      const seconds = (performance.now() - t0) / 1000;
      if (status === 'success') log.info({ job: next.job.name, run_id: runId, seconds }, 'job finished');
      const run = await finish({
        run_id: runId,
        job: next.job.name,
        trigger: next.trigger,
        status,
        started_at: startedAt.toISOString(),
        finished_at: now().toISOString(),
        seconds,
        message,
      });
      next.done({ run, result, error });
    })().finally(() => {
      running = null;
      runningSince = null;
      current = null;
      drain();
    });
  };

  const asSubmitted = (p: Promise<JobRun>): Promise<Submitted> =>
    p.then((run) => ({ run, result: undefined, error: undefined }));

  const enqueue = (job: Omit<Job, 'cron'>, trigger: JobRun['trigger'], waitsItsTurn: boolean): Promise<Submitted> => {
    if (stopped) return asSubmitted(immediate(job.name, trigger, 'cancelled', 'the scheduler is stopping'));
    if (!waitsItsTurn && (running === job.name || queue.some((q) => q.job.name === job.name && !q.waitsItsTurn))) {
      log.warn({ job: job.name }, 'job skipped: the previous run has not finished');
      return asSubmitted(immediate(job.name, trigger, 'skipped', 'the previous run of this job had not finished'));
    }
    return new Promise<Submitted>((done) => {
      queue.push({ job, trigger, done, waitsItsTurn });
      changed();
      drain();
    });
  };

  return {
    start() {
      for (const job of opts.jobs) {
        tasks.push(
          cron.schedule(job.cron, () => void enqueue(job, 'scheduled', false), {
            timezone: opts.timezone,
            name: job.name,
          }),
        );
      }
      log.info({ jobs: opts.jobs.map((j) => `${j.name} ${j.cron}`), timezone: opts.timezone }, 'scheduler started');
    },
    async stop() {
      stopped = true;
      for (const t of tasks.splice(0)) await t.destroy();
      for (const q of queue.splice(0))
        q.done({
          run: await immediate(q.job.name, q.trigger, 'cancelled', 'the scheduler stopped'),
          result: undefined,
          error: undefined,
        });
      if (current) await current;
      log.info('scheduler stopped');
    },
    runNow(name) {
      const job = byName.get(name);
      if (!job) throw new Error(`no scheduled job is named ${name}`);
      return enqueue(job, 'manual', false).then((s) => s.run);
    },
    submit: (job, trigger = 'delegated') => enqueue(job, trigger, true),
    status,
  };
}
