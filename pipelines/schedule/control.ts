/**
 * The control endpoint of `sentinel start`: a plain HTTP server on 127.0.0.1 only (a random port,
 * written to DIR/run/start.json), separate from the public server so it is never exposed. A caller
 * proves it is local and runs as sentinel's account with the token of DIR/run/control.token.
 *
 * POST /work {job, asOf?, fullRefresh?, select?, modelsDir?, engine?} answers NDJSON: {"event":"queued",…} at
 * once, then {"event":"finished","run":…,"outcome":…} when the job has run in the scheduler's queue.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { Log } from '../../lib/log.js';
import type { Job, JobRun, Scheduler } from './scheduler.js';
import { isWorkName, type WorkOutcome, type WorkRequest } from './work.js';
import { WorkFailed } from './childJob.js';

export interface ControlEvent {
  event: 'queued' | 'finished';
  running?: string | null;
  queued?: string[];
  run?: JobRun;
  /** null when the job did not run (cancelled by a shutdown). */
  outcome?: WorkOutcome | null;
}

export interface ControlServer {
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Checks a request's shape; returns the reason it is refused, or null. */
export function invalidRequest(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return 'the body must be a JSON object';
  const r = body as Record<string, unknown>;
  if (!isWorkName(r.job)) return `job must be ingest, build or run, got ${JSON.stringify(r.job)}`;
  if (r.asOf !== undefined && (typeof r.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.asOf)))
    return 'asOf must be YYYY-MM-DD';
  if (r.fullRefresh !== undefined && typeof r.fullRefresh !== 'boolean') return 'fullRefresh must be a boolean';
  if (r.allowFuture !== undefined && typeof r.allowFuture !== 'boolean') return 'allowFuture must be a boolean';
  if (r.select !== undefined && !(Array.isArray(r.select) && r.select.every((x) => typeof x === 'string')))
    return 'select must be a list of strings';
  if (r.modelsDir !== undefined && typeof r.modelsDir !== 'string') return 'modelsDir must be a string';
  if (r.engine !== undefined && r.engine !== 'duckdb' && r.engine !== 'postgres')
    return `engine must be duckdb or postgres, got ${JSON.stringify(r.engine)}`;
  return null;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startControlServer(opts: {
  token: string;
  scheduler: Scheduler;
  job: (req: WorkRequest) => Omit<Job, 'cron'>;
  log: Log;
}): Promise<ControlServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!auth || !sameSecret(auth[1]!, opts.token))
      return answer(res, 401, { error: 'the control token is missing or wrong' });
    if (req.method === 'GET' && req.url === '/ping') return answer(res, 200, { pid: process.pid });
    if (req.method !== 'POST' || req.url !== '/work')
      return answer(res, 404, { error: `no route ${req.method} ${req.url}` });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      return answer(res, 400, { error: `the body is not JSON: ${(e as Error).message}` });
    }
    const refused = invalidRequest(body);
    if (refused) return answer(res, 400, { error: refused });
    const work = body as WorkRequest;
    opts.log.info({ job: work.job }, 'work asked for by another process');
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const before = opts.scheduler.status();
    const send = (e: ControlEvent) => res.write(`${JSON.stringify(e)}\n`);
    send({ event: 'queued', running: before.running, queued: before.queued });
    const { run, result, error } = await opts.scheduler.submit(opts.job(work), 'delegated');
    let outcome: WorkOutcome | null = null;
    if (error instanceof WorkFailed) outcome = error.outcome;
    else if (error) outcome = { ok: false, summary: '', message: (error as Error).message };
    else if (run.status === 'success') outcome = result as WorkOutcome;
    send({ event: 'finished', run, outcome });
    res.end();
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      opts.log.error({ err: (e as Error).message }, 'control request failed');
      if (!res.headersSent) answer(res, 500, { error: (e as Error).message });
      else res.end();
    });
  });
  // A build can take many minutes; the caller waits on the open response.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
