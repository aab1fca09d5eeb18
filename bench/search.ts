/**
 * Search benchmark (issue 13 item 1, target p95 ≤ 100 ms at city scale): `GET /api/v1/search` over a
 * generated world, each request a different query drawn from the build — whole USCCs, 8–14-character USCC
 * prefixes, 2–4-character slices of names, slices of former names — so no answer comes from a cache. One
 * client asking one query after another (what a clerk waits for), then 8 clients at once; each against an
 * Express hello-world asked the same way in the same run (its p95, and the ratio, are in the note).
 * Standalone: `npx tsx bench/search.ts [--scale county|city]`.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { AuthStore } from '../lib/auth/store.js';
import { loadConfig } from '../lib/config/load.js';
import { withDb } from '../lib/db.js';
import { silentLog } from '../lib/log.js';
import { readPointer } from '../lib/publish/pointer.js';
import { build } from '../pipelines/build/build.js';
import { DEFAULT_DIRT } from '../generator/dirt.js';
import { generate, type Scale } from '../generator/generate.js';
import { ingest } from '../pipelines/ingest/run.js';
import { createApp } from '../server/app.js';
import { BENCH_OUT } from './data/cache.js';
import type { BenchOutcome, Measurement } from './types.js';

const AS_OF = '2025-12-31';
const TARGET_MS = 100;
const CONCURRENT = 8;

/** The benchmark's world, generated and ingested once per scale, built by the checkout's models. */
async function world(scale: Scale, progress: (l: string) => void): Promise<string> {
  const dir = join(BENCH_OUT, `search-${scale}`);
  const config = loadConfig();
  if (!existsSync(dir) || readPointer(dir)?.as_of !== AS_OF) {
    const t = Date.now();
    progress(`search: generating a ${scale} world in ${dir}`);
    await generate({ scale, seed: 1, asOf: AS_OF, out: dir, dirt: DEFAULT_DIRT, progress: () => {} });
    await ingest({ dataDir: dir, config, log: silentLog() });
    progress(`search: ${scale} world ingested in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  // A build from the previous one carries every model whose SQL and inputs did not change: cheap when
  // nothing did, and it brings the search mart up to the checkout's SQL when it did.
  const t = Date.now();
  const result = await build({ dataDir: dir, asOf: AS_OF, config, log: silentLog() });
  if (!result.published) throw new Error(`bench build ${result.buildId} failed: ${result.status}`);
  progress(`search: built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return dir;
}

interface Query {
  kind: 'uscc' | 'uscc_prefix' | 'name' | 'former_name';
  q: string;
}

/** Distinct queries of every kind, drawn with a fixed seed from the build's own names and codes. */
async function queries(dir: string): Promise<Query[]> {
  const file = join(dir, readPointer(dir)!.file);
  return withDb(file, { readOnly: true }, async (db) => {
    await db.exec(`select setseed(0.13)`);
    const rows = await db.all<{ uscc: string; name: string; former: string | null }>(
      `select uscc, name, former_names[1] as former from entity_search order by random() limit 400`,
    );
    const formers = await db.all<{ former: string }>(
      `select former_names[1] as former from entity_search where len(former_names) > 0 order by random() limit 100`,
    );
    const slice = (s: string, i: number) => {
      const len = 2 + (i % 3);
      const at = (i * 7) % Math.max(1, s.length - len);
      return s.slice(at, at + len);
    };
    const out: Query[] = [
      ...rows.slice(0, 100).map((r) => ({ kind: 'uscc' as const, q: r.uscc })),
      ...rows.slice(100, 200).map((r, i) => ({ kind: 'uscc_prefix' as const, q: r.uscc.slice(0, 8 + (i % 7)) })),
      ...rows.slice(200, 400).map((r, i) => ({ kind: 'name' as const, q: slice(r.name, i) })),
      ...formers.map((r, i) => ({ kind: 'former_name' as const, q: slice(r.former, i + 1) })),
    ];
    // Interleave the kinds, so one kind's slow queries do not bunch up.
    return out.sort(
      (a, b) => ((a.q.length * 31 + a.q.charCodeAt(0)) % 17) - ((b.q.length * 31 + b.q.charCodeAt(0)) % 17),
    );
  });
}

function percentile(ms: readonly number[], p: number): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t = process.hrtime.bigint();
  const r = await fetch(url, { headers });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function benchSearch(opts: { scale?: Scale; progress?: (l: string) => void } = {}): Promise<BenchOutcome> {
  const scale = opts.scale ?? 'city';
  const progress = opts.progress ?? ((l: string) => process.stderr.write(`${l}\n`));
  const dir = await world(scale, progress);
  const qs = await queries(dir);
  const store = new AuthStore(dir);
  const name = `bench-${Date.now()}`;
  await store.addUser({ name, role: 'analyst', department: null, password: 'bench-password' });
  const headers = { authorization: `Bearer ${(await store.addToken(name)).token}` };
  const app = createApp({ dataDir: dir, config: loadConfig(), log: silentLog() });
  const server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/search?q=`;
  const hello = express();
  hello.get('/', (_req, res) => res.send('hello world'));
  const helloServer = await new Promise<Server>((resolve) => {
    const s = hello.listen(0, '127.0.0.1', () => resolve(s));
  });
  const helloUrl = `http://127.0.0.1:${(helloServer.address() as AddressInfo).port}/`;
  const at = (q: Query) => `${base}${encodeURIComponent(q.q)}`;
  const pageAt = (q: Query) => `${base.replace('/api/v1/search', '/search')}${encodeURIComponent(q.q)}`;
  const measurements: Measurement[] = [];
  try {
    // Opening the build and the first plan are not what a clerk waits for on every search.
    for (const q of qs.slice(0, 5)) await timed(at(q), headers);
    const helloOne: number[] = [];
    for (let k = 0; k < qs.length; k++) helloOne.push(await timed(helloUrl, {}));
    const one: Array<{ kind: string; ms: number }> = [];
    for (const q of qs) one.push({ kind: q.kind, ms: await timed(at(q), headers) });
    const concurrently = async (url: (k: number) => string, h: Record<string, string>) => {
      const ms: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENT }, async () => {
          while (next < qs.length) ms.push(await timed(url(next++), h));
        }),
      );
      return ms;
    };
    const pages: number[] = [];
    for (const q of qs) pages.push(await timed(pageAt(q), headers));
    const helloMany = await concurrently(() => helloUrl, {});
    const many = await concurrently((k) => at(qs[k]!), headers);
    const row = (label: string, ms: number[], target: boolean, helloMs = helloOne): Measurement => {
      const p95 = percentile(ms, 95);
      const helloP95 = percentile(helloMs, 95);
      return {
        bench: 'search',
        case: label,
        rows: ms.length,
        seconds: p95 / 1000,
        rowsPerSecond: null,
        baselineSeconds: helloP95 / 1000,
        ratio: p95 / Math.max(helloP95, 0.001),
        peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
        target: target ? `p95 ≤ ${TARGET_MS} ms` : null,
        pass: target ? p95 <= TARGET_MS : null,
        note:
          `${scale}; ${ms.length} distinct queries; p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
          `max ${Math.max(...ms).toFixed(1)} ms; hello-world asked the same way p95 ${helloP95.toFixed(1)} ms ` +
          `(${(p95 / Math.max(helloP95, 0.001)).toFixed(1)}×)`,
      };
    };
    measurements.push(
      row(
        'GET /api/v1/search, one client',
        one.map((o) => o.ms),
        true,
      ),
    );
    for (const kind of ['uscc', 'uscc_prefix', 'name', 'former_name'])
      measurements.push(
        row(
          `  by ${kind}`,
          one.filter((o) => o.kind === kind).map((o) => o.ms),
          false,
        ),
      );
    measurements.push(row(`GET /api/v1/search, ${CONCURRENT} clients`, many, true, helloMany));
    measurements.push(row('GET /search (the results page), one client', pages, true));
    for (const m of measurements) progress(`search: ${m.case}: ${m.note}`);
  } finally {
    await new Promise((r) => server.close(r));
    server.closeAllConnections();
    app.close();
    await new Promise((r) => helloServer.close(r));
    helloServer.closeAllConnections();
  }
  return { measurements, checks: [] };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--scale');
  const scale = (i > 0 ? process.argv[i + 1] : 'city') as Scale;
  const outcome = await benchSearch({ scale });
  for (const m of outcome.measurements) process.stdout.write(`${m.case}\t${m.note ?? ''}\t${m.pass ?? ''}\n`);
}
