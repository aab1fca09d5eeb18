/**
 * The PostgreSQL engine on a real local cluster (a coordinator and two workers, scripts/pgCluster.ts):
 * the same project built on DuckDB and on the sharded cluster publishes byte-identical CSV exports of
 * every table, before and after a delivery; the sync is incremental and idempotent; the event rows sit
 * on the workers; an unreachable server is named; a worker that stops mid-build publishes nothing.
 */
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPointer } from '../../lib/publish/pointer.js';
import { openPublished } from '../../lib/publish/reader.js';
import { silentLog, type Log } from '../../lib/log.js';
import type { Config } from '../../lib/config/schema.js';
import { toCsv } from '../../pipelines/export/formats.js';
import { build, type BuildOptions, type BuildResult } from '../../pipelines/build/build.js';
import { buildSchema } from '../../pipelines/build/engines/postgres/build.js';
import { invalidRequest } from '../../pipelines/schedule/control.js';
import { doWork } from '../../pipelines/schedule/work.js';
import { configForCluster, startLocalCluster, type LocalCluster } from '../../scripts/pgCluster.js';
import { addPenalties, config as baseConfig, tempDir, type Penalty } from '../build/helpers.js';

const A = '海沧区市场监督管理局';
const B = '海沧区生态环境局';
const USCC = ['91350200MA2XXXXX0X', '91350205MA31234567', '91350206MA3ABCDEF1', '91350211MA2Y000001'];
const first: Penalty[] = Array.from({ length: 40 }, (_, i) => ({
  file: 1,
  key: `${i % 3 ? A : B}|${i}`,
  authority: i % 3 ? A : B,
  date: `2025-11-${String((i % 28) + 1).padStart(2, '0')}`,
  fine: 100 * i + 0.1,
  uscc: USCC[i % USCC.length]!,
  reason: i === 7 ? 'missing_required:处罚决定日期' : null,
}));
// A later delivery: new penalties and corrected versions of earlier ones (same key, later file).
const second: Penalty[] = [
  { file: 2, key: `${A}|1`, authority: A, date: '2025-11-02', fine: 123.45, uscc: USCC[1]! },
  { file: 2, key: `${B}|90`, authority: B, date: '2025-12-20', fine: 5000, uscc: USCC[2]! },
  { file: 2, key: `${A}|91`, authority: A, date: '2025-12-21', fine: 0.3, uscc: USCC[3]! },
];

let cluster: LocalCluster;
let pgConfig: Config;

beforeAll(async () => {
  cluster = await startLocalCluster({ workers: 2 });
  pgConfig = configForCluster(baseConfig, cluster, { database: 'postgres', sharded_tables: ['raw.penalties'] });
}, 120_000);
afterAll(() => cluster?.stop());

const FIXTURE = join(import.meta.dirname, 'fixtures', 'basic');

function run(dataDir: string, engine: 'duckdb' | 'postgres', extra: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return build({
    dataDir,
    modelsDir: FIXTURE,
    config: engine === 'postgres' ? pgConfig : baseConfig,
    asOf: '2025-12-31',
    log: silentLog(),
    engine,
    ...extra,
  });
}

/** Every table of the published build as the CSV an export writes (formats.ts), in a stable order. */
async function exports(dataDir: string): Promise<Record<string, string>> {
  const pb = await openPublished(dataDir);
  try {
    const tables = await pb.db.all<{ t: string }>(
      `select table_name as t from duckdb_tables() where schema_name = 'main' order by 1`,
    );
    const out: Record<string, string> = {};
    for (const { t } of tables) {
      const rows = await pb.db.all(`select * from main."${t}" order by all`);
      const columns = (await pb.db.all<{ column_name: string }>(`describe main."${t}"`)).map((c) => c.column_name);
      out[t] = toCsv(columns, rows as never).toString('utf8');
    }
    return out;
  } finally {
    pb.close();
  }
}

async function onCoordinator<T>(fn: (c: pg.Client) => Promise<T>, server = cluster.coordinator): Promise<T> {
  const c = new pg.Client({ host: server.host, port: server.port, user: cluster.user, database: 'postgres' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('the PostgreSQL engine, sharded over two workers', () => {
  const duck = tempDir('duck');
  const post = tempDir('post');

  it('publishes the same tables, byte for byte, as the DuckDB build', async () => {
    await addPenalties(duck, first);
    await addPenalties(post, first);
    const d = await run(duck, 'duckdb');
    const p = await run(post, 'postgres');
    expect(d.message).toBeNull();
    expect(p.message).toBeNull();
    expect(p.published).toBe(true);
    const [de, pe] = [await exports(duck), await exports(post)];
    expect(Object.keys(pe)).toEqual(['daily_penalties', 'int_penalties_latest', 'repeat_authorities']);
    expect(Object.keys(de)).toEqual(expect.arrayContaining(Object.keys(pe)));
    for (const t of Object.keys(pe)) expect(pe[t], t).toBe(de[t]);
    expect(pe.int_penalties_latest!.split('\n').length).toBeGreaterThan(30);
    // The same tests ran with the same outcomes (contract tests run in the serving file).
    const outcome = (r: BuildResult) => r.tests.map((t) => `${t.test}:${t.status}:${t.failures}`).sort();
    expect(outcome(p)).toEqual(outcome(d));
    expect(readPointer(post)).toMatchObject({ build_id: p.buildId });
  }, 120_000);

  it('keeps the event rows on the workers, partitioned by uscc, and reads them with async foreign scans', async () => {
    const perWorker = [];
    for (const w of cluster.workers)
      perWorker.push(
        await onCoordinator(async (c) => {
          const { rows } = await c.query<{ n: string }>(
            `select coalesce(sum(n_live_tup), 0)::text as n from pg_stat_user_tables where schemaname = 'shards'`,
          );
          const counted = await c.query<{ table_name: string }>(
            `select table_name from information_schema.tables where table_schema = 'shards'`,
          );
          let n = 0;
          for (const t of counted.rows)
            n += Number((await c.query(`select count(*) as n from shards."${t.table_name}"`)).rows[0].n);
          return { tables: counted.rows.length, rows: n, stat: rows[0]!.n };
        }, w),
      );
    expect(perWorker.map((w) => w.tables)).toEqual([2, 2]);
    expect(perWorker.every((w) => w.rows > 0)).toBe(true);
    expect(perWorker[0]!.rows + perWorker[1]!.rows).toBe(first.length);
    const explain = (sql: string) =>
      onCoordinator(async (c) => {
        await c.query(`set enable_partitionwise_aggregate = on`);
        const { rows } = await c.query(`explain (verbose) ${sql}`);
        return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      });
    expect(await explain(`select * from raw.penalties where fine_yuan > 0`)).toMatch(/Async Foreign Scan/);
    const plan = await explain(`select uscc, count(*) from raw.penalties group by uscc`);
    // The aggregate runs on the workers: the remote SQL carries the GROUP BY.
    expect(plan).toMatch(/Remote SQL: SELECT uscc, count\(\*\) FROM shards\.\S+ GROUP BY/);
  });

  it('after a delivery, syncs only the new rows, merges incrementally and still matches DuckDB', async () => {
    await addPenalties(duck, second);
    await addPenalties(post, second);
    const d = await run(duck, 'duckdb');
    const p = await run(post, 'postgres');
    expect(p.published).toBe(true);
    expect(d.published).toBe(true);
    const [de, pe] = [await exports(duck), await exports(post)];
    for (const t of Object.keys(pe)) expect(pe[t], t).toBe(de[t]);
    const loads = await onCoordinator(
      async (c) =>
        (
          await c.query(
            `select build_id, mode, after_file_id, max_file_id, rows from cs_meta.source_loads order by loaded_at`,
          )
        ).rows,
    );
    expect(loads.at(-1)).toMatchObject({
      build_id: p.buildId,
      mode: 'appended',
      after_file_id: 1,
      max_file_id: 2,
      rows: 3,
    });
    // Idempotent: a build with nothing delivered loads nothing and publishes the same.
    const lines: Array<{ msg: string; copied?: number; kept_from?: string }> = [];
    const log: Log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const again = await run(post, 'postgres', { log });
    expect(again.published).toBe(true);
    expect(again.sources).toMatchObject([
      { schema: 'raw', table: 'penalties', mode: 'appended', rows: first.length + 3 },
    ]);
    const lastLoad = await onCoordinator(
      async (c) => (await c.query(`select rows from cs_meta.source_loads order by loaded_at desc limit 1`)).rows[0],
    );
    expect(lastLoad).toEqual({ rows: 0 });
    expect(await exports(post)).toEqual(pe);
    // Nothing changed, so every table is carried from the published build rather than computed again.
    const actions = (r: BuildResult) => r.models.map((m) => `${m.model}:${m.materialized}:${m.action}`).sort();
    expect(actions(again)).toEqual([
      'daily_penalties:incremental:carried',
      'int_penalties_latest:incremental:carried',
      'repeat_authorities:table:carried',
      'stg_penalties:view:built',
    ]);
    expect(actions(again)).toEqual(actions(await run(duck, 'duckdb')));
    // The serving file starts as a copy of the published one; no table travels out of the cluster again.
    expect(lines.find((l) => l.msg === 'serving file written')).toMatchObject({ copied: 0, kept_from: p.buildId });
  }, 120_000);

  it('--select rebuilds what it names and carries the rest from the published build, as on DuckDB', async () => {
    const third: Penalty[] = [{ file: 3, key: `${B}|92`, authority: B, date: '2025-12-22', fine: 77, uscc: USCC[0]! }];
    await addPenalties(duck, third);
    await addPenalties(post, third);
    const select = ['repeat_authorities'];
    const d = await run(duck, 'duckdb', { select });
    const p = await run(post, 'postgres', { select });
    expect(p.published).toBe(true);
    const actions = (r: BuildResult) => r.models.map((m) => `${m.model}:${m.action}`).sort();
    expect(actions(p)).toEqual([
      'daily_penalties:carried',
      'int_penalties_latest:carried',
      'repeat_authorities:built',
      'stg_penalties:built',
    ]);
    expect(actions(p)).toEqual(actions(d));
    const [de, pe] = [await exports(duck), await exports(post)];
    for (const t of Object.keys(pe)) expect(pe[t], t).toBe(de[t]);
    // Not selected, int_penalties_latest still lacks the new decision that the view already shows.
    expect(pe.int_penalties_latest).not.toContain(`${B}|92`);
    // A whole build then takes the delivery into every model, on both engines alike.
    const [d2, p2] = [await run(duck, 'duckdb'), await run(post, 'postgres')];
    expect(actions(p2)).toEqual(actions(d2));
    expect(p2.models.find((m) => m.model === 'int_penalties_latest')?.action).toBe('built');
    const after = await exports(post);
    expect(after.int_penalties_latest).toContain(`${B}|92`);
    expect(after).toEqual(await exports(duck));
  }, 120_000);

  it('refuses --select when the published build is as of another day', async () => {
    const before = readPointer(post);
    await expect(run(post, 'postgres', { select: ['repeat_authorities'], asOf: '2025-12-30' })).rejects.toThrow(
      /--select .* as of 2025-12-31/,
    );
    expect(readPointer(post)).toEqual(before);
  });

  it('names an unreachable server and publishes nothing', async () => {
    const before = readPointer(post);
    const closed = { ...pgConfig.postgres, coordinator: { host: '127.0.0.1', port: 1 }, connect_timeout_seconds: 2 };
    await expect(run(post, 'postgres', { config: { ...pgConfig, postgres: closed } })).rejects.toThrow(
      /PostgreSQL coordinator at 127\.0\.0\.1:1 is unreachable/,
    );
    const worker = cluster.workers[1]!;
    cluster.stopServer(worker);
    try {
      await expect(run(post, 'postgres')).rejects.toThrow(
        new RegExp(`worker 2 at 127\\.0\\.0\\.1:${worker.port} is unreachable`),
      );
    } finally {
      cluster.startServer(worker);
    }
    expect(readPointer(post)).toEqual(before);
  }, 120_000);

  it('publishes nothing when a worker stops in the middle of a build, and the previous build keeps serving', async () => {
    const before = readPointer(post)!;
    const worker = cluster.workers[0]!;
    // A delivery, so the models must read the sources (unchanged, every table would be carried).
    await addPenalties(post, [{ file: 4, key: `${A}|93`, authority: A, date: '2025-12-23', fine: 9, uscc: USCC[1]! }]);
    // The worker stops once the sources are synced, before the models read them.
    const log: Log = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          if (JSON.parse(line).msg === 'source') cluster.stopServer(worker);
        },
      },
    );
    try {
      const r = await run(post, 'postgres', { log });
      expect(r.published).toBe(false);
      expect(r.status).toBe('error');
      expect(r.message).toMatch(/model\(s\) failed: stg_penalties|int_penalties_latest/);
      expect(existsSync(r.file)).toBe(false);
    } finally {
      cluster.startServer(worker);
    }
    expect(readPointer(post)).toEqual(before);
    const pointer = await onCoordinator(async (c) => (await c.query(`select build_id from cs_meta.pointer`)).rows);
    expect(pointer).toEqual([{ build_id: before.build_id }]);
    expect((await exports(post)).repeat_authorities).toContain(A);
  }, 120_000);

  it('builds on the engine builds.engine names, and on the one a request to sentinel start names', async () => {
    const builtOnCoordinator = () =>
      onCoordinator(async (c) => (await c.query(`select build_id from cs_meta.builds`)).rows.map((r) => r.build_id));
    const onConfig = { ...pgConfig, builds: { ...pgConfig.builds, engine: 'postgres' as const } };
    const r = await build({
      dataDir: post,
      modelsDir: FIXTURE,
      config: onConfig,
      asOf: '2025-12-31',
      log: silentLog(),
    });
    expect(r.published).toBe(true);
    expect(await builtOnCoordinator()).toContain(r.buildId);
    // What `sentinel build --engine postgres` hands to a running `sentinel start`.
    expect(invalidRequest({ job: 'build', engine: 'oracle' })).toBe('engine must be duckdb or postgres, got "oracle"');
    expect(invalidRequest({ job: 'build', engine: 'postgres' })).toBeNull();
    const ctx = { dataDir: post, config: pgConfig, log: silentLog() };
    const done = await doWork({ job: 'build', asOf: '2025-12-31', modelsDir: FIXTURE, engine: 'postgres' }, ctx);
    expect(done.ok).toBe(true);
    expect(await builtOnCoordinator()).toContain(readPointer(post)!.build_id);
    // Unnamed, the config's engine (duckdb here): the coordinator never hears of the build.
    await doWork({ job: 'build', asOf: '2025-12-31', modelsDir: FIXTURE }, ctx);
    expect(await builtOnCoordinator()).not.toContain(readPointer(post)!.build_id);
  }, 120_000);
});

describe('the models phase on several coordinator connections', () => {
  // Two models that read only int_penalties_latest, each holding its connection for half a second and
  // noting when its statement started and ended, and on which backend.
  const slow = `select pg_backend_pid() as pid, statement_timestamp() as started, clock_timestamp() as ended
    from {{ ref('int_penalties_latest') }} cross join (select pg_sleep(0.5)) as held limit 1`;
  const models = tempDir('concurrent-models');
  cpSync(FIXTURE, models, { recursive: true });
  for (const name of ['slow_a', 'slow_b']) writeFileSync(join(models, 'marts', `${name}.sql`), slow);

  async function spans(connections: number) {
    const dataDir = tempDir('concurrent');
    await addPenalties(dataDir, first);
    const config = { ...pgConfig, postgres: { ...pgConfig.postgres, model_connections: connections } };
    // Whole: the cluster's published build (another data folder's, the same rows) would be carried.
    const r = await run(dataDir, 'postgres', { modelsDir: models, config, fullRefresh: true });
    expect(r.message).toBeNull();
    // Records come back in the plan's order, whatever order the models finished in.
    expect(r.models.map((m) => m.model)).toEqual([
      'stg_penalties',
      'int_penalties_latest',
      'daily_penalties',
      'repeat_authorities',
      'slow_a',
      'slow_b',
    ]);
    return onCoordinator(async (c) => {
      const rows = async (t: string) =>
        (await c.query(`select pid, started, ended from "${buildSchema(r.buildId)}".${t}`)).rows[0];
      return [await rows('slow_a'), await rows('slow_b')];
    });
  }

  it('runs independent models at once, on different connections', async () => {
    const [a, b] = await spans(2);
    expect(a.pid).not.toBe(b.pid);
    expect(a.started < b.ended && b.started < a.ended).toBe(true);
  }, 120_000);

  it('runs them one after another on one connection', async () => {
    const [a, b] = await spans(1);
    expect(a.pid).toBe(b.pid);
    expect(a.started < b.ended && b.started < a.ended).toBe(false);
  }, 120_000);
});

// The DuckDB default is untouched by the seam: the fixture builds on DuckDB with the macro rendered as QUALIFY.
it('renders latest_per_key as QUALIFY on DuckDB', async () => {
  const dataDir = tempDir('duck-trace');
  await addPenalties(dataDir, first);
  const trace: string[] = [];
  await run(dataDir, 'duckdb', { trace });
  expect(trace.join('\n')).toMatch(
    /qualify row_number\(\) over \(partition by penalty_key order by file_id desc, row_number desc\) = 1/,
  );
});
