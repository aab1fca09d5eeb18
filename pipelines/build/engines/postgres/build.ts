/**
 * `sentinel build --engine postgres`: the same models, built on a PostgreSQL coordinator (sharded
 * sources on its workers), in a schema of their own per build. The phases are the DuckDB build's:
 * plan, sync the sources, materialise the models, run the data tests; then the published tables are
 * copied into a DuckDB serving file, its column contracts checked there, and only then the build is
 * published: on the coordinator the pointer row moves in one transaction, then DIR/published.json.
 * Any failure before that (a model, a test, a worker that stops answering) publishes nothing, and the
 * previous build keeps serving.
 */
import { rmSync } from 'node:fs';
import type pg from 'pg';
import { paths } from '../../../../lib/dataDir.js';
import { Database, ident, literal, type Db } from '../../../../lib/db.js';
import { writePointer } from '../../../../lib/publish/pointer.js';
import { pruneBuilds } from '../../../../lib/publish/retention.js';
import { installMacros } from '../../../../lib/sql/macros.js';
import { phaseTimer, type BuildOptions, type BuildResult } from '../../build-context.js';
import { planBuild } from '../../build-plan.js';
import { compileAll, type Compiled, type CompiledTest } from '../../compile.js';
import { WAREHOUSE } from '../../materialize.js';
import type { ModelRecord, TestRecord } from '../../records.js';
import type { Project } from '../../types.js';
import { checkWorkers, connect, type PgSettings } from './connection.js';
import { functionsSql } from './functions.js';
import { ensureWorkerServers, layoutSignature } from './layout.js';
import { inSchema } from './materialize.js';
import { materialisePg, MODEL_STATE_DDL, pgSalt, previousOf, recordPgStates, sourceStatesOf } from './models.js';
import { verdictOf } from '../../build-records.js';
import { isServingIndex, reusableServing, writeServingFile } from './servingFile.js';
import { META_DDL, sourceSelectSql, syncSourceToPostgres, type PgSyncResult } from './sync.js';
import { PRODUCT_SCHEMA, productSourceStatements } from '../../../../lib/followUp/productSources.js';
import { snapshotRemovalsSql } from '../../snapshots.js';

const BUILD_DDL = `
create table if not exists cs_meta.layout (signature text);
create table if not exists cs_meta.pointer (build_id text, schema_name text, as_of date, published_at timestamptz);
create table if not exists cs_meta.builds (build_id text primary key, schema_name text, as_of date,
  started_at timestamptz, finished_at timestamptz, status text, message text);
`;

/** A build's schema and the record of what its tables were computed from. */
async function dropBuildSchema(coord: pg.Client, schema: string): Promise<void> {
  await coord.query(`drop schema if exists ${ident(schema)} cascade`);
  await coord.query(`delete from cs_meta.model_state where schema_name = $1`, [schema]);
}

export const buildSchema = (buildId: string): string => `build_${buildId.replace(/[^0-9a-z]/gi, '_')}`;

type SourceTable = { schema: string; table: string };

/** The warehouse tables the models read, each once; snapshots and the product's files are derived. */
function sourcesOf(project: Project): SourceTable[] {
  const seen = new Map<string, SourceTable>();
  for (const m of project.models.values())
    for (const s of m.sources)
      if (s.schema !== 'snapshots' && s.schema !== PRODUCT_SCHEMA) seen.set(`${s.schema}.${s.table}`, s);
  return [...seen.values()];
}

/**
 * What the DuckDB build derives in its file, derived the same way in an in-memory DuckDB: the snapshot
 * removals (over the typed list rows and the load log) and the product's own files.
 */
async function deriveSources(db: Db, opts: BuildOptions, project: Project): Promise<SourceTable[]> {
  const unitErrorThresholdYuan = opts.config.ingest.unit_error_threshold_wan * 10000;
  const derived: SourceTable[] = [];
  for (const snap of project.snapshots.values()) {
    for (const t of [{ schema: snap.schema, table: snap.table }, snap.files]) {
      await db.exec(`create schema if not exists memory.${ident(t.schema)}`);
      const select = await sourceSelectSql(db, t.schema, t.table, unitErrorThresholdYuan);
      await db.exec(`create or replace table memory.${ident(t.schema)}.${ident(t.table)} as ${select}`);
    }
    await db.exec(`create schema if not exists memory.snapshots`);
    await db.exec(`use memory`);
    await db.exec(`create or replace table memory.snapshots.${ident(snap.name)} as ${snapshotRemovalsSql(snap)}`);
    derived.push({ schema: 'snapshots', table: snap.name });
  }
  const readsProduct = [...project.models.values()].some((m) => m.sources.some((s) => s.schema === PRODUCT_SCHEMA));
  if (readsProduct) {
    for (const sql of productSourceStatements(opts.dataDir)) await db.exec(sql);
    const tables = await db.all<{ t: string }>(
      `select table_name as t from duckdb_tables() where database_name = 'memory' and schema_name = ?`,
      [PRODUCT_SCHEMA],
    );
    derived.push(...tables.map((r) => ({ schema: PRODUCT_SCHEMA, table: r.t })));
  }
  return derived;
}

export async function buildOnPostgres(opts: BuildOptions): Promise<BuildResult> {
  const now = opts.now ?? (() => new Date());
  const plan = planBuild(opts, now());
  const s = opts.config.postgres;
  const coord = await connect(s, s.coordinator, 'coordinator');
  try {
    await checkWorkers(s);
    return await buildOnCoordinator(opts, plan, coord, s, now);
  } finally {
    await coord.end();
  }
}

async function prepareCoordinator(coord: pg.Client, s: PgSettings): Promise<void> {
  await coord.query(META_DDL + BUILD_DDL + MODEL_STATE_DDL);
  await coord.query(functionsSql());
  const held = (await coord.query<{ signature: string }>(`select signature from cs_meta.layout`)).rows[0];
  if (held?.signature !== layoutSignature(s)) {
    await ensureWorkerServers(coord, s);
    await coord.query(`delete from cs_meta.layout; insert into cs_meta.layout values (${literal(layoutSignature(s))})`);
  }
  await useSessionSettings(coord);
}

/**
 * The cs functions stand in for DuckDB's (searched before pg_catalog, so DuckDB's regexp_matches wins);
 * partitionwise plans push scans and aggregates by uscc to the workers.
 */
const useSessionSettings = (c: pg.Client) =>
  c.query(
    `set search_path = cs, pg_catalog, public; set enable_partitionwise_aggregate = on; set enable_partitionwise_join = on`,
  );

/** The coordinator connection and `model_connections − 1` more, set up alike, for the models phase. */
async function modelClients(coord: pg.Client, s: PgSettings): Promise<pg.Client[]> {
  const clients = [coord];
  try {
    while (clients.length < s.model_connections) {
      const c = await connect(s, s.coordinator, 'coordinator');
      clients.push(c);
      await useSessionSettings(c);
    }
  } catch (e) {
    await Promise.all(clients.slice(1).map((c) => c.end()));
    throw e;
  }
  return clients;
}

type Plan = ReturnType<typeof planBuild>;

async function buildOnCoordinator(
  opts: BuildOptions,
  plan: Plan,
  coord: pg.Client,
  s: PgSettings,
  now: () => Date,
): Promise<BuildResult> {
  const { buildId } = plan;
  const schema = buildSchema(buildId);
  await prepareCoordinator(coord, s);
  await coord.query(`insert into cs_meta.builds values ($1, $2, $3, $4, null, 'running', null)`, [
    buildId,
    schema,
    opts.asOf,
    now().toISOString(),
  ]);
  const previous = (
    await coord.query<{ build_id: string; schema_name: string }>(`select build_id, schema_name from cs_meta.pointer`)
  ).rows[0];
  const phase = phaseTimer(opts.log);
  const sources = await syncSources(opts, coord, s, plan.project, buildId);
  phase('sources synced');
  const { compiled, inputs, outcome } = await makeModels(opts, plan, coord, s, previous?.schema_name, sources);
  const models = outcome.models;
  phase('models');
  const tests = await runPgTests(coord, plan, compiled, models);
  phase('data tests');
  let verdict = verdictOf(models, tests);
  if (verdict.status === 'published') {
    const reuse = inputs.previous && reusableServing(plan, previous?.build_id, outcome.unchanged);
    const serving = await writeServingFile(opts, plan, compiled, coord, schema, { models, tests }, reuse, {
      inputs,
      seen: outcome.seen,
    });
    await recordPgStates(coord, schema, serving.states);
    opts.log.info(
      { copied: serving.copied.length, kept_from: reuse ? plan.previous?.build_id : null },
      'serving file written',
    );
    models.push(...serving.models);
    tests.push(...serving.tests);
    verdict = verdictOf(models, tests);
    phase('serving file');
  }
  const at = now().toISOString();
  await coord.query(`update cs_meta.builds set status = $2, finished_at = $3, message = $4 where build_id = $1`, [
    buildId,
    verdict.status,
    at,
    verdict.message,
  ]);
  const published = verdict.status === 'published' && (await publish(opts, plan, coord, schema, at));
  if (published) phase('publish and prune');
  if (!published) {
    opts.log.error(
      { build_id: buildId, message: verdict.message },
      'build not published; the previous build keeps serving',
    );
    rmSync(plan.file, { force: true });
    await dropBuildSchema(coord, schema);
  }
  const syncResults = sources.map((r) => ({
    schema: r.schema,
    table: r.table,
    mode: r.mode,
    rows: r.rows,
    state: r.state,
    basis: r.basis,
    sent: { rows: r.loaded, seconds: r.seconds },
  }));
  return {
    buildId,
    asOf: opts.asOf,
    status: verdict.status,
    published,
    file: plan.file,
    models,
    tests,
    sources: syncResults,
    message: verdict.message,
  };
}

/**
 * The models phase: compiled for the build's schema (and without it, for their fingerprints), each carried,
 * merged or built from what the published build's schema holds, what each table was computed from recorded.
 */
async function makeModels(
  opts: BuildOptions,
  plan: Plan,
  coord: pg.Client,
  s: PgSettings,
  previousSchema: string | undefined,
  sources: readonly PgSyncResult[],
) {
  const schema = buildSchema(plan.buildId);
  const compileIn = (ref: (model: string) => string) =>
    compileAll(
      plan.project,
      { asOf: opts.asOf, buildId: plan.buildId, config: opts.config },
      { engine: 'postgres', ref, source: (a, b) => `${ident(a)}.${ident(b)}` },
    );
  const compiled = compileIn((m) => inSchema(schema, m));
  const portable = compileIn((m) => ident(m));
  await coord.query(`create schema ${ident(schema)}`);
  // --full-refresh still carries what --select leaves out, as the DuckDB build does.
  const inputs = {
    schema,
    previous: await previousOf(coord, opts.fullRefresh && !opts.select?.length ? undefined : previousSchema),
    sources: sourceStatesOf(sources),
    salt: await pgSalt(coord),
    fingerprintSql: (m: string) => portable.models.get(m)!.sql,
  };
  const clients = await modelClients(coord, s);
  const outcome = await materialisePg(opts, plan, compiled, clients, inputs, (m) => isServingIndex(plan, m)).finally(
    () => Promise.all(clients.slice(1).map((c) => c.end())),
  );
  await recordPgStates(coord, schema, outcome.states);
  return { compiled, inputs, outcome };
}

/** The data tests on the coordinator, but those of failed models and serving indexes and the contracts. */
async function runPgTests(coord: pg.Client, plan: Plan, compiled: Compiled, models: readonly ModelRecord[]) {
  const failed = new Set(models.filter((m) => m.status !== 'success').map((m) => m.model));
  const tests: TestRecord[] = [];
  for (const t of compiled.tests) {
    if (t.test.kind === 'contract' || t.test.models.some((m) => failed.has(m) || isServingIndex(plan, m))) continue;
    tests.push(await runPgTest(coord, t, plan.buildId));
  }
  return tests;
}

async function syncSources(
  opts: BuildOptions,
  coord: pg.Client,
  s: PgSettings,
  project: Project,
  buildId: string,
): Promise<PgSyncResult[]> {
  const database = await Database.open(':memory:');
  try {
    const db = await database.connect();
    await installMacros(db, opts.config);
    await db.run(`attach ${literal(paths.warehouse(opts.dataDir))} as ${WAREHOUSE} (read_only)`);
    const hasId = await db.value<number>(
      `select count(*) from duckdb_tables() where database_name = ? and schema_name = 'ingest' and table_name = 'warehouse'`,
      [WAREHOUSE],
    );
    const warehouseId = hasId
      ? await db.value<string>(`select id from ${WAREHOUSE}.ingest.warehouse limit 1`)
      : 'unknown';
    const unitErrorThresholdYuan = opts.config.ingest.unit_error_threshold_wan * 10000;
    const out: PgSyncResult[] = [];
    const sync = async (source: SourceTable, catalog?: string) => {
      const r = await syncSourceToPostgres(db, coord, s, source, {
        unitErrorThresholdYuan,
        buildId,
        warehouseId,
        catalog,
      });
      opts.log.info({ source: `${r.schema}.${r.table}`, mode: r.mode, loaded: r.loaded, rows: r.rows }, 'source');
      if (r.nulReplaced)
        opts.log.warn(
          { source: `${r.schema}.${r.table}`, rows: r.nulReplaced },
          'rows with a NUL character: PostgreSQL cannot store it, sent with U+FFFD in its place',
        );
      out.push(r);
    };
    for (const source of sourcesOf(project)) await sync(source);
    for (const source of await deriveSources(db, opts, project)) await sync(source, 'memory');
    db.close();
    return out;
  } finally {
    database.close();
  }
}

async function runPgTest(coord: pg.Client, t: CompiledTest, buildId: string): Promise<TestRecord> {
  const started = performance.now();
  const base = {
    build_id: buildId,
    test: t.test.name,
    kind: t.test.kind,
    models: t.test.models,
    severity: t.test.severity,
  };
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const failures = (await coord.query<{ n: number }>(`select count(*)::bigint as n from (\n${t.sql}\n) as failing`))
      .rows[0]!.n;
    const sample = failures ? (await coord.query(`select * from (\n${t.sql}\n) as failing limit 5`)).rows : [];
    const status = failures === 0 ? 'pass' : t.test.severity === 'warn' ? 'warn' : 'fail';
    return { ...base, status, failures, sample: JSON.stringify(sample), seconds: seconds(), message: null };
  } catch (e) {
    return { ...base, status: 'error', failures: 0, sample: '[]', seconds: seconds(), message: (e as Error).message };
  }
}

/** Moves the coordinator's pointer (one transaction), then the serving pointer; prunes old builds. */
async function publish(opts: BuildOptions, plan: Plan, coord: pg.Client, schema: string, at: string): Promise<boolean> {
  await coord.query('begin');
  try {
    await coord.query(`delete from cs_meta.pointer`);
    await coord.query(`insert into cs_meta.pointer values ($1, $2, $3, $4)`, [plan.buildId, schema, opts.asOf, at]);
    await coord.query('commit');
  } catch (e) {
    await coord.query('rollback').catch(() => undefined);
    throw e;
  }
  writePointer(opts.dataDir, {
    build_id: plan.buildId,
    as_of: opts.asOf,
    file: paths.relativeToDataDir(opts.dataDir, plan.file),
    published_at: at,
  });
  opts.log.info({ build_id: plan.buildId, as_of: opts.asOf, engine: 'postgres' }, 'build published');
  const keep = (
    await coord.query<{ build_id: string; schema_name: string }>(
      `select build_id, schema_name from cs_meta.builds where status = 'published' order by finished_at desc limit $1`,
      [opts.config.builds.keep],
    )
  ).rows;
  const old = await coord.query<{ schema_name: string }>(
    `select schema_name from cs_meta.builds where status = 'published' and not (build_id = any($1))`,
    [keep.map((k) => k.build_id)],
  );
  for (const o of old.rows) await dropBuildSchema(coord, o.schema_name);
  await pruneBuilds(opts.dataDir, new Set(keep.map((k) => k.build_id)), opts.log);
  return true;
}
