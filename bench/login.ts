/**
 * Login flood: other requests' p95 while 16 clients keep posting wrong passwords, against their p95
 * without the flood, in the same run; target ≤ 3×. Hashing on libuv's pool pushed a static file from
 * 1–2 ms to about 2 s; on its own thread (lib/auth/scryptWorker.ts) it costs the others at most a core.
 * Throttling is raised out of the way so every flood request really hashes: this measures the pool, not
 * the lockout. Standalone: `npx tsx bench/login.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { AuthStore } from '../lib/auth/store.js';
import { loadConfig } from '../lib/config/load.js';
import { silentLog } from '../lib/log.js';
import { createApp } from '../server/app.js';
import type { BenchOutcome, Measurement } from './types.js';

const FLOOD = 16;
const CONNECTIONS = 8;
const MAX_RATIO = 3;
const OTHERS = [
  ['GET /assets/app.css', '/assets/app.css'],
  ['GET /login', '/login'],
  ['GET /api/v1/ops/status', '/api/v1/ops/status'],
] as const;

const p95Of = (r: autocannon.Result) => r.latency.p90 + ((r.latency.p97_5 - r.latency.p90) * (95 - 90)) / (97.5 - 90);

/** Keeps FLOOD bad logins in flight until stopped; returns how many were answered. */
function flood(url: string): { stop: () => Promise<number> } {
  let running = true;
  let answered = 0;
  const client = async (i: number) => {
    for (let n = 0; running; n++) {
      const r = await fetch(`${url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: `flood${i}-${n}`, password: 'wrong password' }).toString(),
      });
      await r.arrayBuffer();
      answered++;
    }
  };
  const clients = Array.from({ length: FLOOD }, (_, i) => client(i));
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
      return answered;
    },
  };
}

export async function benchLogin(
  opts: { seconds?: number; progress?: (l: string) => void } = {},
): Promise<BenchOutcome> {
  const seconds = opts.seconds ?? 5;
  const progress = opts.progress ?? ((l: string) => process.stderr.write(`${l}\n`));
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-login-'));
  const store = new AuthStore(dataDir);
  await store.addUser({ name: 'bench', role: 'admin', department: null, password: 'bench-password' });
  const headers = { authorization: `Bearer ${(await store.addToken('bench')).token}` };
  const high = 1_000_000;
  const login = { free_failures: high, address_free_failures: high, account_lockout_failures: high };
  const config = loadConfig({ override: { server: { login: { ...login, address_lockout_failures: high } } } });
  const sentinel = createApp({ dataDir, config, log: silentLog() });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = sentinel.app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const measurements: Measurement[] = [];
  const checks: BenchOutcome['checks'] = [];
  try {
    for (const [label, path] of OTHERS) {
      // Only the API needs the token: a signed-in GET /login is a redirect, not the page.
      const auth = path.startsWith('/api/') ? headers : {};
      const run = () =>
        autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: seconds, headers: auth });
      const quiet = await run();
      const f = flood(url);
      const loud = await run();
      const logins = await f.stop();
      const ratio = p95Of(loud) / Math.max(p95Of(quiet), 0.001);
      const note =
        `p95 ${p95Of(quiet).toFixed(1)} ms alone, ${p95Of(loud).toFixed(1)} ms during ${FLOOD} parallel bad logins ` +
        `(${(logins / seconds).toFixed(1)} logins/s); ${loud.requests.total} answered`;
      progress(`login: ${label} ${note} (${ratio.toFixed(1)}×)`);
      checks.push({
        bench: 'login',
        name: `${label} answers during a login flood`,
        ok: loud.non2xx + loud.errors + loud.timeouts === 0 && loud.requests.total > 0,
        detail: `${loud.requests.total} answered, ${loud.non2xx + loud.errors + loud.timeouts} failed`,
      });
      measurements.push({
        bench: 'login',
        case: `${label} during a login flood`,
        rows: null,
        seconds: p95Of(loud) / 1000,
        rowsPerSecond: null,
        baselineSeconds: p95Of(quiet) / 1000,
        ratio,
        peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
        target: `p95 ≤ ${MAX_RATIO}× p95 without the flood`,
        pass: ratio <= MAX_RATIO,
        note,
      });
    }
  } finally {
    await new Promise((r) => server.close(r));
    server.closeAllConnections();
    sentinel.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { measurements, checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outcome = await benchLogin();
  for (const m of outcome.measurements) process.stdout.write(`${m.case}\t${m.ratio?.toFixed(2)}×\t${m.note ?? ''}\n`);
  process.exitCode = outcome.checks.every((c) => c.ok) ? 0 : 1;
}
