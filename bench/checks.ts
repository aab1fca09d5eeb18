/**
 * Credit-check cases of the server benchmark (issue 13): one check's p95 under 32 concurrent clients
 * against the same run's Express hello-world (target ≤ 3×) — the same USCC in every request, and a different
 * one in each — and a 10,000-USCC batch (target ≤ 2 s). `npm run bench -- --only checks` runs these alone.
 * Every check is recorded and audited like any other, so both include writing the record and the audit
 * line. The subjects come from the world's answer key (flagged entities and key-project parties, so the
 * batch meets real list entries, flags and penalties), the rest valid USCCs nobody carries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { usccCheckChar } from '../lib/validate/uscc.js';
import type { BenchOutcome } from './types.js';

const CONNECTIONS = 32;
const MAX_RATIO = 3;
const BATCH = 10_000;
const BATCH_TARGET_SECONDS = 2;
const BATCH_RUNS = 3;

/** USCCs the answer key names: flagged entities and key-project parties with a signal. */
function knownUsccs(dataDir: string): string[] {
  const key = (name: string) =>
    JSON.parse(readFileSync(join(dataDir, 'answer-key', `${name}.json`), 'utf8')) as Array<Record<string, unknown>>;
  const out = new Set<string>();
  for (const d of ['repeat-violators', 'cross-domain-violators', 'persistent-violators'])
    for (const r of key(d)) out.add(r.uscc as string);
  for (const p of key('key-project-risk')) for (const s of p.signals as string[]) out.add(s.split('@')[1]!);
  return [...out].sort();
}

/** A valid USCC of another county that no record carries. */
function unknownUscc(i: number): string {
  const first17 = `91110000QC${String(i).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}

export interface CheckBenchInput {
  url: string;
  headers: Record<string, string>;
  dataDir: string;
  scale: string;
  /** The hello-world p95 of the same run, in ms. */
  baselineP95: number;
  seconds: number;
  progress: (line: string) => void;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const t = process.hrtime.bigint();
  const r = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`POST ${url} answered ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** p95 from autocannon's percentiles, which have no p95: interpolated between p90 and p97.5. */
const p95Of = (r: autocannon.Result) => r.latency.p90 + ((r.latency.p97_5 - r.latency.p90) * (95 - 90)) / (97.5 - 90);

/**
 * One check per request under 32 concurrent clients. `each` gives the USCC of the n-th request: the same one
 * every time (what the case measured first) or a different one per request, so no two concurrent requests
 * ask the same thing and nothing a build caches can answer them.
 */
async function singleChecks(i: CheckBenchInput, label: string, each: (n: number) => string, out: BenchOutcome) {
  const url = `${i.url}/api/v1/checks`;
  const body = (n: number) => JSON.stringify({ usccs: [each(n)], purpose: '行政许可' });
  const coldOne = await post(url, i.headers, body(0));
  let n = 1;
  const r = await autocannon({
    url,
    method: 'POST',
    body: body(0),
    connections: CONNECTIONS,
    duration: i.seconds,
    headers: { ...i.headers, 'content-type': 'application/json' },
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: body(n++) }) }],
  });
  const p95 = p95Of(r);
  const failed = r.non2xx + r.errors + r.timeouts;
  const ratio = r.requests.total > 0 ? p95 / Math.max(i.baselineP95, 0.001) : Number.POSITIVE_INFINITY;
  const hello = `hello-world p95 ${i.baselineP95.toFixed(1)} ms in the same run`;
  i.progress(
    `server: ${label} warm p50 ${r.latency.p50} ms p95 ${p95.toFixed(1)} ms = ${ratio.toFixed(2)}× (${hello})`,
  );
  out.checks.push({
    bench: 'server',
    name: `${label} answers 200 under load`,
    ok: failed === 0 && r.requests.total > 0,
    detail: `${r.requests.total} answered, ${failed} failed or timed out`,
  });
  out.measurements.push({
    bench: 'server',
    case: label,
    rows: 1,
    seconds: p95 / 1000,
    rowsPerSecond: null,
    baselineSeconds: i.baselineP95 / 1000,
    ratio,
    peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    target: `p95 ≤ ${MAX_RATIO}× hello-world p95`,
    pass: ratio <= MAX_RATIO,
    note:
      `${i.scale}; cold ${(coldOne * 1000).toFixed(0)} ms; warm p50 ${r.latency.p50} ms, p95 ${p95.toFixed(1)} ms ` +
      `(${ratio.toFixed(2)}×, ${hello}), ${r.requests.average.toFixed(0)} req/s, ` +
      `${r.requests.total} checks recorded and audited, ${failed} failed`,
  });
}

export async function benchChecks(i: CheckBenchInput): Promise<BenchOutcome> {
  const out: BenchOutcome = { measurements: [], checks: [] };
  const known = knownUsccs(i.dataDir);
  const url = `${i.url}/api/v1/checks`;
  await singleChecks(i, 'POST /api/v1/checks (1 USCC)', () => known[0]!, out);
  await singleChecks(i, 'POST /api/v1/checks (1 USCC, a different one each)', (n) => known[n % known.length]!, out);

  const usccs = Array.from({ length: BATCH }, (_, k) => known[k] ?? unknownUscc(k));
  const batch = JSON.stringify({ usccs, purpose: '政府采购' });
  const times: number[] = [];
  for (let k = 0; k < BATCH_RUNS; k++) times.push(await post(url, i.headers, batch));
  const median = [...times].sort((a, b) => a - b)[Math.floor(BATCH_RUNS / 2)]!;
  i.progress(`server: POST /api/v1/checks (${BATCH} USCCs) ${times.map((t) => t.toFixed(2)).join(' / ')} s`);
  out.measurements.push({
    bench: 'server',
    case: `POST /api/v1/checks (${BATCH.toLocaleString('en-US')} USCCs)`,
    rows: BATCH,
    seconds: median,
    rowsPerSecond: BATCH / median,
    baselineSeconds: null,
    ratio: null,
    peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    target: `≤ ${BATCH_TARGET_SECONDS} s`,
    pass: median <= BATCH_TARGET_SECONDS,
    note:
      `${i.scale}; median of ${BATCH_RUNS} (${times.map((t) => t.toFixed(2)).join(', ')} s; the first is cold); ` +
      `${Math.min(known.length, BATCH)} USCCs the answer key names, the rest valid and unknown`,
  });
  return out;
}
