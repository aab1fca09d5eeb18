/**
 * `sentinel ingest|build|run` while `sentinel start` runs on the same data directory: instead of
 * fighting it for the warehouse (one writer per DuckDB file), ask it over loopback to run the work in
 * its queue, wait for it, and print the same summary the command prints when it runs the work itself.
 */
import { request } from 'node:http';
import { SentinelError } from '../../lib/errors.js';
import type { Log } from '../../lib/log.js';
import type { ControlEvent } from './control.js';
import { liveStartState, readToken, tokenFile } from './runState.js';
import type { WorkOutcome, WorkRequest } from './work.js';

function post(port: number, token: string, body: unknown, onEvent: (e: ControlEvent) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/work',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.setEncoding('utf8');
        let buffered = '';
        res.on('data', (d: string) => {
          buffered += d;
          let nl: number;
          while ((nl = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, nl);
            buffered = buffered.slice(nl + 1);
            if (res.statusCode === 200 && line) onEvent(JSON.parse(line) as ControlEvent);
          }
        });
        res.on('end', () => {
          if (res.statusCode === 200) return resolve();
          let why = buffered;
          try {
            why = (JSON.parse(buffered) as { error: string }).error;
          } catch {
            // not JSON: show as is
          }
          reject(
            new SentinelError(
              'delegate_refused',
              `the running sentinel start refused the request (${res.statusCode}): ${why}`,
            ),
          );
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Whether a `sentinel start` answers on `port` with this token (a recorded pid may have been reused after a crash). */
export function answersPing(port: number, token: string, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/ping', headers: { authorization: `Bearer ${token}` }, timeout: timeoutMs },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/**
 * Runs `work` in the running `sentinel start` of `dataDir` and returns its outcome, or null when no
 * `sentinel start` runs there (the caller then does the work itself).
 */
export async function delegateWork(dataDir: string, work: WorkRequest, log: Log): Promise<WorkOutcome | null> {
  const state = liveStartState(dataDir);
  if (!state) return null;
  let token: string;
  try {
    token = readToken(dataDir);
  } catch (e) {
    throw new SentinelError(
      'delegate_refused',
      `sentinel start (PID ${state.pid}) is running on ${dataDir}, and it writes the warehouse; asking it to run this ${work.job} needs ${tokenFile(dataDir)}, ` +
        `which cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): run the command as the account that runs sentinel start`,
    );
  }
  log.info(
    { pid: state.pid, job: work.job },
    'sentinel start is running on this data directory: it runs the work in its queue',
  );
  let finished: ControlEvent | null = null;
  try {
    await post(state.control_port, token, work, (e) => {
      if (e.event === 'queued' && (e.running || e.queued?.length)) {
        log.info({ running: e.running, queued: e.queued }, 'waiting for the jobs ahead in the queue of sentinel start');
      }
      if (e.event === 'finished') finished = e;
    });
  } catch (e) {
    if (e instanceof SentinelError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
      // Nothing listens: the pid was reused after a crash, or sentinel start has just finished its last job
      // and is closing. Either way no job of it writes the warehouse now, so the command does the work.
      log.warn({ pid: state.pid }, 'the recorded sentinel start does not listen; doing the work here');
      return null;
    }
    throw new SentinelError(
      'delegate_failed',
      `sentinel start (PID ${state.pid}) is running on ${dataDir} but did not answer on 127.0.0.1:${state.control_port} (${(e as Error).message})` +
        (state.stopping ? '; it is shutting down: run the command again once it has stopped' : ''),
    );
  }
  const done = finished as ControlEvent | null;
  if (!done?.run)
    throw new SentinelError(
      'delegate_failed',
      `sentinel start (PID ${state.pid}) closed the request before the ${work.job} finished`,
    );
  if (!done.outcome) {
    throw new SentinelError(
      'delegate_failed',
      `sentinel start (PID ${state.pid}) did not run the ${work.job}: ${done.run.status}, ${done.run.message ?? ''}`,
    );
  }
  log.info(
    { run_id: done.run.run_id, status: done.run.status, seconds: done.run.seconds },
    'sentinel start ran the work',
  );
  return done.outcome;
}

/** For the commands: true when the work was delegated (its summary printed, the exit code set). */
export async function ranInStart(
  ctx: { runtime: { dataDir: string; asOf: string; asOfExplicit: boolean }; log: Log; out: (t: string) => void },
  work: WorkRequest,
): Promise<boolean> {
  // An as-of left to its default is left to sentinel start too (its own --as-of, else its today).
  const outcome = await delegateWork(
    ctx.runtime.dataDir,
    { ...work, asOf: ctx.runtime.asOfExplicit ? ctx.runtime.asOf : undefined },
    ctx.log,
  );
  if (!outcome) return false;
  if (outcome.summary) ctx.out(outcome.summary);
  if (!outcome.ok) {
    if (!outcome.summary) process.stderr.write(`sentinel: ${outcome.message}\n`);
    process.exitCode = 1;
  }
  return true;
}
