/**
 * Server benchmark: p50/p95 of every API dataset endpoint and every page under 32 concurrent clients
 * (autocannon), against an Express hello-world measured in the same run and the same process; target
 * (issue 15) warm p95 ≤ 3× hello-world p95. Cold = 32 requests sent at once as the first requests for
 * that address (its per-build cache empty): their p95 is reported beside the warm run that follows.
 * Standalone: `npx tsx bench/server.ts [--scale city]`.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { AuthStore } from '../lib/auth/store.js';
import { loadConfig } from '../lib/config/load.js';
import { DATASET_NAMES } from '../lib/datasets.js';
import { silentLog } from '../lib/log.js';
import { readPointer } from '../lib/publish/pointer.js';
import { build } from '../pipelines/build/build.js';
import { DEFAULT_DIRT } from '../generator/dirt.js';
import { generate, type Scale } from '../generator/generate.js';
import { ingest } from '../pipelines/ingest/run.js';
import { createApp } from '../server/app.js';
import { BENCH_OUT } from './data/cache.js';
import type { BenchOutcome, Measurement } from './types.js';
import { benchChecks } from './checks.js';

const AS_OF = '2025-12-31';
const CONNECTIONS = 32;
const MAX_RATIO = 3;

/** Every page of the product but the ones that need an id (added from the build) and the forms' answers. */
const PAGES = [
  '/overview',
  '/heatmap',
  '/violators?kind=repeat',
  '/violators?kind=cross',
  '/projects',
  '/publicity',
  '/indicators',
  '/warnings',
  '/lists',
  '/grades',
  '/exits',
  '/government',
  '/follow-up',
  '/check',
  '/checks',
  '/search?q=%E6%9C%89%E9%99%90',
  '/inbox',
  '/subscriptions',
  '/runs',
  '/headers',
  '/name-review',
  '/audit',
  '/users',
];

export interface ServerBenchOptions {
  scale?: Scale;
  /** Seconds of each autocannon run. */
  seconds?: number;
  /** Only the hello-world and the credit-check cases (`--only checks`). */
  checksOnly?: boolean;
  progress?: (line: string) => void;
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The world of the benchmark, generated, ingested and built once per scale and kept under bench/out. */
async function world(scale: Scale, progress: (l: string) => void): Promise<string> {
  const dir = join(BENCH_OUT, `server-${scale}`);
  if (existsSync(dir) && readPointer(dir)?.as_of === AS_OF) return dir;
  const config = loadConfig();
  const t = Date.now();
  progress(`server: generating a ${scale} world in ${dir}`);
  await generate({ scale, seed: 1, asOf: AS_OF, out: dir, dirt: DEFAULT_DIRT, progress: () => {} });
  await ingest({ dataDir: dir, config, log: silentLog() });
  const result = await build({ dataDir: dir, asOf: AS_OF, config, log: silentLog() });
  if (!result.published) throw new Error(`bench build ${result.buildId} failed: ${result.status}`);
  progress(`server: ${scale} world ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return dir;
}

/** 32 first requests for `url` at once: their latencies' p95 and the slowest (ms). */
async function cold(url: string, headers: Record<string, string>): Promise<{ p95: number; max: number }> {
  const one = async () => {
    const t = process.hrtime.bigint();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const ms = (await Promise.all(Array.from({ length: CONNECTIONS }, one))).sort((a, b) => a - b);
  return { p95: ms[Math.ceil(0.95 * ms.length) - 1]!, max: ms.at(-1)! };
}

/** A page per kind of id: the first repeat violator's profile and first event, the first key project. */
async function pagesWithIds(url: string, headers: Record<string, string>): Promise<string[]> {
  const first = async (dataset: string, field: string): Promise<unknown> => {
    const r = await fetch(`${url}/api/v1/datasets/${dataset}?limit=1`, { headers });
    const body = (await r.json()) as { rows?: Array<Record<string, unknown>> };
    return body.rows?.[0]?.[field];
  };
  const uscc = (await first('repeat-violators', 'uscc')) as string | undefined;
  const events = (await first('repeat-violators', 'event_ids')) as string[] | undefined;
  const project = (await first('key-project-risk', 'project_id')) as string | undefined;
  return [
    ...(uscc ? [`/entities/${encodeURIComponent(uscc)}`] : []),
    ...(events?.[0] ? [`/records?event=${encodeURIComponent(events[0])}`] : []),
    ...(project ? [`/projects/${encodeURIComponent(project)}`] : []),
  ];
}

interface Load {
  p50: number;
  p95: number;
  rps: number;
  /** Answers that were not 2xx, connection errors and timeouts (autocannon's 10 s). */
  failed: number;
  answered: number;
}

/**
 * `worker`: the clients run in a worker thread instead of on the server's event loop. autocannon decodes every
 * answer's body to a string; in the server's thread that decoding is paid by the server's requests too, in
 * proportion to the body (a 79 KB warnings page against a 11-byte hello-world).
 */
async function load(url: string, headers: Record<string, string>, seconds: number, worker = false): Promise<Load> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    ...(worker ? { workers: 1 } : {}),
  });
  // autocannon reports p97.5 and p99 but no p95; interpolate between p90 and p97.5.
  const p95 = r.latency.p90 + ((r.latency.p97_5 - r.latency.p90) * (95 - 90)) / (97.5 - 90);
  return {
    p50: r.latency.p50,
    p95,
    rps: r.requests.average,
    failed: r.non2xx + r.errors + r.timeouts,
    answered: r.requests.total,
  };
}

export async function benchServer(opts: ServerBenchOptions = {}): Promise<BenchOutcome> {
  const scale = opts.scale ?? 'city';
  const seconds = opts.seconds ?? 5;
  const progress = opts.progress ?? ((l: string) => process.stderr.write(`${l}\n`));
  const dataDir = await world(scale, progress);
  const store = new AuthStore(dataDir);
  const name = `bench-${Date.now()}`;
  await store.addUser({ name, role: 'admin', department: null, password: 'bench-password' });
  const headers = { authorization: `Bearer ${(await store.addToken(name)).token}` };

  const hello = express();
  hello.get('/', (_req, res) => res.send('hello world'));
  const helloServer = await listen(hello);
  const sentinel = createApp({ dataDir, config: loadConfig(), log: silentLog() });
  const app = await listen(sentinel.app);

  const measurements: Measurement[] = [];
  const checks: BenchOutcome['checks'] = [];
  try {
    const baseline = await load(`${helloServer.url}/`, {}, seconds);
    progress(
      `server: hello-world p50 ${baseline.p50} ms, p95 ${baseline.p95.toFixed(1)} ms, ${baseline.rps.toFixed(0)} req/s`,
    );
    measurements.push({
      bench: 'server',
      case: 'express hello-world',
      rows: null,
      seconds: baseline.p95 / 1000,
      rowsPerSecond: null,
      baselineSeconds: null,
      ratio: null,
      peakRssMb: null,
      target: null,
      pass: null,
      note: `p50 ${baseline.p50} ms, ${baseline.rps.toFixed(0)} req/s`,
    });
    // Quarantine last: it is not cached, and requests it leaves queued would delay the next case.
    const datasets = [...DATASET_NAMES.filter((d) => d !== 'quarantine'), 'quarantine'];
    const cases = opts.checksOnly
      ? []
      : [
          ...[...PAGES, ...(await pagesWithIds(app.url, headers))].map((p) => [`GET ${p}`, p, false] as const),
          ...datasets.map((d) => [`GET /api/v1/datasets/${d}`, `/api/v1/datasets/${d}?limit=100`, false] as const),
          // The largest cached answer, with the clients off the server's thread (load()), against a hello-world
          // measured the same way just before.
          [
            'GET /api/v1/datasets/warnings (client in a worker thread)',
            '/api/v1/datasets/warnings?limit=100',
            true,
          ] as const,
        ];
    let workerBaseline: Load | null = null;
    for (const [label, path, worker] of cases) {
      if (worker) {
        workerBaseline = await load(`${helloServer.url}/`, {}, seconds, true);
        progress(`server: hello-world, client in a worker thread: p95 ${workerBaseline.p95.toFixed(1)} ms`);
      }
      const base = worker ? workerBaseline! : baseline;
      const first = await cold(`${app.url}${path}`, headers);
      const warm = await load(`${app.url}${path}`, headers, seconds, worker);
      // Nothing answered within autocannon's timeout: the request is slower than the run, not fast.
      const ratio = warm.answered > 0 ? warm.p95 / Math.max(base.p95, 0.001) : Number.POSITIVE_INFINITY;
      progress(
        `server: ${label} cold p95 ${first.p95.toFixed(0)} ms, ` +
          `warm p50 ${warm.p50} ms p95 ${warm.p95.toFixed(1)} ms = ${ratio.toFixed(2)}× hello-world p95 ${base.p95.toFixed(1)} ms`,
      );
      checks.push({
        bench: 'server',
        name: `${label} answers 200 under load`,
        ok: warm.failed === 0 && warm.answered > 0,
        detail: `${warm.answered} answered, ${warm.failed} failed or timed out`,
      });
      measurements.push({
        bench: 'server',
        case: label,
        rows: null,
        seconds: warm.p95 / 1000,
        rowsPerSecond: null,
        baselineSeconds: base.p95 / 1000,
        ratio,
        peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
        target: `p95 ≤ ${MAX_RATIO}× hello-world p95`,
        pass: ratio <= MAX_RATIO,
        note:
          `${scale}; cold (32 at once) p95 ${first.p95.toFixed(0)} ms, max ${first.max.toFixed(0)} ms; warm p50 ${warm.p50} ms, p95 ${warm.p95.toFixed(1)} ms ` +
          `(hello-world p95 ${base.p95.toFixed(1)} ms), ` +
          `${warm.rps.toFixed(0)} req/s, ${warm.answered} answered, ${warm.failed} failed`,
      });
    }
    // The credit check (bench/checks.ts): one check under load (≤ 3× hello-world) and a 10,000-USCC batch.
    const checked = await benchChecks({
      url: app.url,
      headers,
      dataDir,
      scale,
      baselineP95: baseline.p95,
      seconds,
      progress,
    });
    measurements.push(...checked.measurements);
    checks.push(...checked.checks);
  } finally {
    await new Promise((r) => app.server.close(r));
    app.server.closeAllConnections();
    sentinel.close();
    await new Promise((r) => helloServer.server.close(r));
  }
  return { measurements, checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--scale');
  const scale = (i > 0 ? process.argv[i + 1] : 'city') as Scale;
  const outcome = await benchServer({ scale });
  for (const m of outcome.measurements)
    process.stdout.write(
      `${m.case}\t${(m.seconds * 1000).toFixed(1)} ms p95\t` +
        `${m.ratio === null ? '' : `${m.ratio.toFixed(2)}×`}\t${m.note ?? ''}\n`,
    );
  process.exitCode = outcome.checks.every((c) => c.ok) ? 0 : 1;
}
