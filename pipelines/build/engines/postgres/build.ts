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
import { InputError } from '../../../../lib/errors.js';
import { writePointer } from '../../../../lib/publish/pointer.js';
import { pruneBuilds } from '../../../../lib/publish/retention.js';
import { installMacros } from '../../../../lib/sql/macros.js';
import type { BuildOptions, BuildResult } from '../../build-context.js';
import { planBuild } from '../../build-plan.js';
import { compileAll, type Compiled, type CompiledTest } from '../../compile.js';
import { createLookupIndexes } from '../../build-indexes.js';
import { fullPlan, relation, WAREHOUSE } from '../../materialize.js';
import {
  ensureRecordTables,
  insertModelRecord,
  insertTestRecord,
  type ModelRecord,
  type TestRecord,
} from '../../records.js';
import { runTest } from '../../run-test.js';
import type { Project } from '../../types.js';
import { checkWorkers, connect, type PgSettings } from './connection.js';
import { functionsSql } from './functions.js';
import { ensureWorkerServers, layoutSignature } from './layout.js';
import { inSchema, pgFullPlan, pgIncrementalPlan } from './materialize.js';
import { copyToServing } from './serving.js';
import { META_DDL, sourceSelectSql, syncSourceToPostgres, type PgSyncResult } from './sync.js';
import { PRODUCT_SCHEMA, productSourceStatements } from '../../../../lib/followUp/productSources.js';
import { snapshotRemovalsSql } from '../../snapshots.js';

const BUILD_DDL = `
create table if not exists cs_meta.layout (signature text);
create table if not exists cs_meta.pointer (build_id text, schema_name text, as_of date, published_at timestamptz);
create table if not exists cs_meta.builds (build_id text primary key, schema_name text, as_of date,
  started_at timestamptz, finished_at timestamptz, status text, message text);
`;

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
  if (opts.select?.length) throw new InputError('--engine postgres builds every model; --select is not supported yet');
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
  await coord.query(META_DDL + BUILD_DDL);
  await coord.query(functionsSql());
  const held = (await coord.query<{ signature: string }>(`select signature from cs_meta.layout`)).rows[0];
  if (held?.signature !== layoutSignature(s)) {
    await ensureWorkerServers(coord, s);
    await coord.query(`delete from cs_meta.layout; insert into cs_meta.layout values (${literal(layoutSignature(s))})`);
  }
  // The cs functions stand in for DuckDB's (searched before pg_catalog, so DuckDB's regexp_matches wins);
  // partitionwise plans push scans and aggregates by uscc to the workers.
  await coord.query(
    `set search_path = cs, pg_catalog, public; set enable_partitionwise_aggregate = on; set enable_partitionwise_join = on`,
  );
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
  const previous = (await coord.query<{ schema_name: string }>(`select schema_name from cs_meta.pointer`)).rows[0];
  const sources = await syncSources(opts, coord, s, plan.project, buildId);
  const compiled = compileAll(
    plan.project,
    { asOf: opts.asOf, buildId, config: opts.config },
    { engine: 'postgres', ref: (m) => inSchema(schema, m), source: (a, b) => `${ident(a)}.${ident(b)}` },
  );
  await coord.query(`create schema ${ident(schema)}`);
  const models = await materialise(
    opts,
    plan,
    compiled,
    coord,
    schema,
    opts.fullRefresh ? undefined : previous?.schema_name,
  );
  const failed = new Set(models.filter((m) => m.status !== 'success').map((m) => m.model));
  const tests: TestRecord[] = [];
  for (const t of compiled.tests) {
    if (t.test.kind === 'contract' || t.test.models.some((m) => failed.has(m) || isServingIndex(plan, m))) continue;
    tests.push(await runPgTest(coord, t, buildId));
  }
  let verdict = verdictOf(models, tests);
  if (verdict.status === 'published') {
    const serving = await writeServingFile(opts, plan, compiled, coord, schema, models, tests);
    models.push(...serving.models);
    tests.push(...serving.tests);
    verdict = verdictOf(models, tests);
  }
  const at = now().toISOString();
  await coord.query(`update cs_meta.builds set status = $2, finished_at = $3, message = $4 where build_id = $1`, [
    buildId,
    verdict.status,
    at,
    verdict.message,
  ]);
  const published = verdict.status === 'published' && (await publish(opts, plan, coord, schema, at));
  if (!published) {
    opts.log.error(
      { build_id: buildId, message: verdict.message },
      'build not published; the previous build keeps serving',
    );
    rmSync(plan.file, { force: true });
    await coord.query(`drop schema if exists ${ident(schema)} cascade`);
  }
  const syncResults = sources.map((r) => ({
    schema: r.schema,
    table: r.table,
    mode: r.mode,
    rows: r.rows,
    state: '',
    basis: '',
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

async function materialise(
  opts: BuildOptions,
  plan: Plan,
  compiled: Compiled,
  coord: pg.Client,
  schema: string,
  previousSchema: string | undefined,
): Promise<ModelRecord[]> {
  const records: ModelRecord[] = [];
  const failed = new Set<string>();
  for (const name of plan.order) {
    if (isServingIndex(plan, name)) continue;
    const model = plan.project.models.get(name)!;
    const c = compiled.models.get(name)!;
    const record: ModelRecord = {
      build_id: plan.buildId,
      model: name,
      materialized: model.config.materialized,
      action: 'built',
      status: 'success',
      rows: null,
      seconds: 0,
      message: null,
    };
    records.push(record);
    if (model.refs.some((r) => failed.has(r))) {
      failed.add(name);
      Object.assign(record, { action: 'skipped', status: 'skipped', message: 'an upstream model failed' });
      continue;
    }
    const incremental =
      model.config.materialized === 'incremental' && previousSchema && (await hasTable(coord, previousSchema, name));
    const statements = incremental
      ? pgIncrementalPlan(schema, previousSchema, model, c.incrementalSql ?? c.sql)
      : pgFullPlan(schema, model, c.sql);
    const started = performance.now();
    try {
      for (const sql of statements) {
        opts.trace?.push(sql);
        await coord.query(sql);
      }
      if (model.config.materialized !== 'view')
        record.rows = (
          await coord.query<{ n: number }>(`select count(*)::bigint as n from ${inSchema(schema, name)}`)
        ).rows[0]!.n;
    } catch (e) {
      failed.add(name);
      record.status = 'error';
      record.message = (e as Error).message;
      opts.log.error({ model: name, err: record.message }, 'model failed');
    }
    record.seconds = (performance.now() - started) / 1000;
    opts.log.info(
      { model: name, mode: incremental ? 'incremental-merge' : 'full', rows: record.rows, seconds: record.seconds },
      'model',
    );
  }
  return records;
}

async function hasTable(coord: pg.Client, schema: string, name: string): Promise<boolean> {
  const { rows } = await coord.query(`select 1 from pg_tables where schemaname = $1 and tablename = $2`, [
    schema,
    name,
  ]);
  return rows.length > 0;
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

function verdictOf(
  models: readonly ModelRecord[],
  tests: readonly TestRecord[],
): Pick<BuildResult, 'status' | 'message'> {
  const modelErrors = models.filter((m) => m.status === 'error').map((m) => m.model);
  const blocking = tests.filter((t) => t.severity === 'error' && (t.status === 'fail' || t.status === 'error'));
  if (modelErrors.length) return { status: 'error', message: `model(s) failed: ${modelErrors.join(', ')}` };
  if (blocking.length)
    return { status: 'failed', message: `error-severity test(s) failed: ${blocking.map((t) => t.test).join(', ')}` };
  return { status: 'published', message: null };
}

const isServingIndex = (plan: Plan, model: string): boolean =>
  plan.project.models.get(model)?.config.serving_index === true;

/**
 * The DuckDB serving file: every table model (and contracted view) copied, the serving indexes built
 * from them with their DuckDB SQL and their data tests run, the look-up indexes, the run records, and
 * the contract tests run where the contract's types are DuckDB's. Returns the serving indexes' model
 * records and the tests run here.
 */
async function writeServingFile(
  opts: BuildOptions,
  plan: Plan,
  compiled: Compiled,
  coord: pg.Client,
  schema: string,
  models: readonly ModelRecord[],
  tests: readonly TestRecord[],
): Promise<{ models: ModelRecord[]; tests: TestRecord[] }> {
  rmSync(plan.file, { force: true });
  const database = await Database.open(plan.file);
  try {
    const db = await database.connect();
    // Tables, and the views with a column contract (marts the pages read, such as event_traces).
    for (const model of plan.project.models.values())
      if (
        !model.config.serving_index &&
        (model.config.materialized !== 'view' || model.columns.some((c) => c.data_type))
      )
        await copyToServing(coord, db, schema, model, `${plan.file}.${model.name}.json`);
    const served = await buildServingIndexes(db, opts, plan);
    const here: TestRecord[] = [...served.tests];
    for (const t of compiled.tests)
      if (t.test.kind === 'contract') here.push(await runTest(db, t, plan.buildId, opts.trace));
    await createLookupIndexes({ db, work: (sql) => db.exec(sql) });
    await writeRecords(db, opts, plan, [...models, ...served.models], [...tests, ...here]);
    await db.run('checkpoint');
    db.close();
    return { models: served.models, tests: here };
  } finally {
    database.close();
  }
}

/**
 * The serving indexes (config serving_index: the search's sorted tables), built in the serving file with
 * the SQL the DuckDB engine runs, over the tables copied there; then the data tests on them.
 */
async function buildServingIndexes(
  db: Db,
  opts: BuildOptions,
  plan: Plan,
): Promise<{ models: ModelRecord[]; tests: TestRecord[] }> {
  const duckdb = compileAll(plan.project, { asOf: opts.asOf, buildId: plan.buildId, config: opts.config });
  await installMacros(db, opts.config);
  const models: ModelRecord[] = [];
  for (const name of plan.order.filter((m) => isServingIndex(plan, m))) {
    const model = plan.project.models.get(name)!;
    const started = performance.now();
    const record: ModelRecord = {
      build_id: plan.buildId,
      model: name,
      materialized: model.config.materialized,
      action: 'built',
      status: 'success',
      rows: null,
      seconds: 0,
      message: null,
    };
    try {
      for (const sql of fullPlan(model, duckdb.models.get(name)!.sql).statements) {
        opts.trace?.push(sql);
        await db.exec(sql);
      }
      record.rows = await db.value<number>(`select count(*)::bigint from ${relation(name)}`);
    } catch (e) {
      Object.assign(record, { status: 'error', message: (e as Error).message });
      opts.log.error({ model: name, err: record.message }, 'model failed');
    }
    record.seconds = (performance.now() - started) / 1000;
    models.push(record);
  }
  const failed = new Set(models.filter((m) => m.status !== 'success').map((m) => m.model));
  const tests: TestRecord[] = [];
  for (const t of duckdb.tests) {
    const onIndex = t.test.models.some((m) => isServingIndex(plan, m));
    if (t.test.kind === 'contract' || !onIndex || t.test.models.some((m) => failed.has(m))) continue;
    tests.push(await runTest(db, t, plan.buildId, opts.trace));
  }
  return { models, tests };
}

async function writeRecords(
  db: Db,
  opts: BuildOptions,
  plan: Plan,
  models: readonly ModelRecord[],
  tests: readonly TestRecord[],
) {
  await ensureRecordTables(db);
  const verdict = verdictOf(models, tests);
  await db.run(`insert into runs.builds values (?, ?::date, ?::timestamptz, ?::timestamptz, ?, null, ?, ?)`, [
    plan.buildId,
    opts.asOf,
    new Date().toISOString(),
    new Date().toISOString(),
    verdict.status,
    opts.fullRefresh ?? false,
    verdict.message,
  ]);
  for (const m of models) await insertModelRecord(db, m);
  for (const t of tests) await insertTestRecord(db, t);
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
  for (const o of old.rows) await coord.query(`drop schema if exists ${ident(o.schema_name)} cascade`);
  await pruneBuilds(opts.dataDir, new Set(keep.map((k) => k.build_id)), opts.log);
  return true;
}
