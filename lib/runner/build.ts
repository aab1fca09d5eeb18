/**
 * `build()`: checks the DAG, builds every model into a new file DIR/builds/<build_id>.duckdb, runs the
 * data tests there and publishes the file only when no `error` test failed. The previous published
 * build keeps serving until the pointer moves, and is never written to.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Database, ident, literal, type Db } from '../db.js';
import type { Config } from '../config/schema.js';
import { InputError } from '../errors.js';
import type { Log } from '../log.js';
import { paths } from '../paths.js';
import { readPointer, writePointer } from '../publish/pointer.js';
import { pruneBuilds } from '../publish/retention.js';
import { selectModels, topoOrder } from './dag.js';
import { copyPlan, fullPlan, incrementalPlan, keptPlan, PREVIOUS, WAREHOUSE, type Plan } from './materialize.js';
import { loadProject } from './project.js';
import { ensureRecordTables, insertModelRecord, insertTestRecord, type BuildStatus, type ModelRecord, type TestRecord } from './records.js';
import { compileAll } from './compile.js';
import { runTest } from './run-test.js';
import { snapshotRemovalsSql } from './snapshots.js';
import { installMacros } from '../sql/macros.js';
import { PRODUCT_SCHEMA, productSourceStatements } from './product-sources.js';
import { ensureSyncState, syncSource, type SyncResult } from './source-sync.js';
import { ensureModelState, modelFingerprints, recordStates, storedStates, tableState, type ModelState } from './fingerprints.js';
import { calendarCoverage } from '../reference/coverage.js';
import type { Model, Project } from './types.js';

export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

export interface BuildOptions {
  dataDir: string;
  config: Readonly<Config>;
  asOf: string;
  log: Log;
  now?: () => Date;
  modelsDir?: string;
  select?: readonly string[];
  fullRefresh?: boolean;
  /** Collects every statement that does the work (not the bookkeeping), for the benchmark. */
  trace?: string[];
}

export interface BuildResult {
  buildId: string;
  asOf: string;
  status: BuildStatus;
  published: boolean;
  file: string;
  models: ModelRecord[];
  tests: TestRecord[];
  /** How each source reached the build file: appended to the previous build's copy, or copied whole. */
  sources: SyncResult[];
  message: string | null;
}

function newBuildId(now: Date): string {
  // Sortable by time (to the millisecond), unique by the random suffix.
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

function sourcesNeeded(project: Project): Array<{ schema: string; table: string }> {
  const all = [...project.models.values()].flatMap((m) => m.sources.filter((s) => s.schema !== 'snapshots' && s.schema !== PRODUCT_SCHEMA));
  for (const s of project.snapshots.values()) all.push({ schema: s.schema, table: s.table }, s.files);
  const seen = new Set<string>();
  return all
    .map(({ schema, table }) => ({ schema, table }))
    .filter((s) => !seen.has(`${s.schema}.${s.table}`) && seen.add(`${s.schema}.${s.table}`));
}

async function relationExists(db: Db, catalog: string, schema: string, name: string): Promise<boolean> {
  const n = await db.value<number>(
    `select count(*) from (select database_name, schema_name, table_name as name from duckdb_tables()
       union all select database_name, schema_name, view_name from duckdb_views())
     where database_name = ? and schema_name = ? and name = ?`,
    [catalog, schema, name],
  );
  return n > 0;
}

/** Builds the selected models and publishes when the error-severity tests pass. */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  const now = opts.now ?? (() => new Date());
  const { log, dataDir, asOf } = opts;
  const project = loadProject(opts.modelsDir ?? DEFAULT_MODELS_DIR);
  // Everything that can be refused without a database is refused here, before any file is touched.
  const order = topoOrder(project);
  const selected = selectModels(project, opts.select);
  const buildId = newBuildId(now());
  const compiled = compileAll(project, { asOf, buildId, config: opts.config });

  mkdirSync(paths.builds(dataDir), { recursive: true });
  const file = join(paths.builds(dataDir), `${buildId}.duckdb`);
  const previous = readPointer(dataDir);
  const previousFile = previous ? join(dataDir, previous.file) : null;
  // A partial build copies the unselected models from the published build: they must be as of the same day.
  if (opts.select?.length && previous && previous.as_of !== asOf) {
    throw new InputError(
      `--select builds only some models and keeps the others from the published build, which is as of ${previous.as_of}; ` +
        `build everything for as-of ${asOf}, or pass --as-of ${previous.as_of}`,
    );
  }
  // A build starts from a copy of the published build (a file copy costs far less than re-creating its
  // tables): the sources then take only the rows delivered since, and incremental models their new
  // rows. --full-refresh starts from an empty file.
  const fromPrevious = !opts.fullRefresh && previousFile !== null && existsSync(previousFile);
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    log.debug({ phase: name, seconds: (now - phaseStart) / 1000 }, 'build phase');
    phaseStart = now;
  };
  if (fromPrevious) copyFileSync(previousFile, file);
  phase('copy previous build');
  const database = await Database.open(file, { memoryLimit: opts.config.builds.memory_limit ?? undefined });
  const db = await database.connect();
  const models: ModelRecord[] = [];
  const tests: TestRecord[] = [];
  const sources: SyncResult[] = [];
  let status: BuildStatus = 'running';
  let message: string | null = null;
  let keep: string[] = [];
  const work = async (sql: string): Promise<void> => {
    opts.trace?.push(sql);
    await db.exec(sql);
  };
  try {
    // Models normalise and validate with the same cs_ macros as the ingest; they live in the build file.
    await installMacros(db, opts.config);
    await db.run(`attach ${literal(paths.warehouse(dataDir))} as ${WAREHOUSE}`);
    await ensureRecordTables(db, `${WAREHOUSE}.`);
    // One writer per warehouse file: a 'running' build found now belongs to a process that died.
    await db.run(`update ${WAREHOUSE}.runs.builds set status = 'interrupted' where status = 'running'`);
    await db.run(`insert into ${WAREHOUSE}.runs.builds values (?, ?::date, ?::timestamptz, null, 'running', ?, ?, null)`, [
      buildId, asOf, now().toISOString(), opts.select?.join(' ') ?? null, opts.fullRefresh ?? false,
    ]);
    await ensureRecordTables(db);
    await ensureSyncState(db);
    await ensureModelState(db);
    if (fromPrevious) {
      // The copy's records are the previous build's; this build writes its own.
      for (const t of ['builds', 'models', 'tests']) await db.run(`delete from runs.${t}`);
    }
    if (previousFile && existsSync(previousFile)) {
      await db.run(`attach ${literal(previousFile)} as ${PREVIOUS} (read_only)`);
    }
    const hasPrevious = previousFile !== null && existsSync(previousFile);

    const missing: string[] = [];
    for (const s of sourcesNeeded(project)) {
      if (!(await relationExists(db, WAREHOUSE, s.schema, s.table))) missing.push(`${s.schema}.${s.table}`);
    }
    if (missing.length) throw new InputError(`the warehouse lacks source table(s) ${missing.join(', ')}; run \`sentinel ingest\` first`);

    // The build file gets its own copy of every source, so it answers queries without the warehouse and
    // keeps the inputs it was built from.
    const unitErrorThresholdYuan = opts.config.ingest.unit_error_threshold_wan * 10000;
    for (const s of sourcesNeeded(project)) {
      const started = performance.now();
      const r = await syncSource(db, s.schema, s.table, { unitErrorThresholdYuan, fromPrevious, work });
      sources.push(r);
      log.info({ source: `${s.schema}.${s.table}`, mode: r.mode, rows: r.rows, seconds: (performance.now() - started) / 1000 }, 'source');
    }
    if (fromPrevious) {
      // A source no model reads any more must not linger in the copy.
      const needed = new Set([...sourcesNeeded(project).map((x) => `${x.schema}.${x.table}`), ...[...project.snapshots.keys()].map((n) => `snapshots.${n}`)]);
      const held = await db.all<{ schema_name: string; table_name: string }>(
        `select schema_name, table_name from duckdb_tables() where database_name = current_database() and schema_name not in ('main', 'runs', ?)`,
        [PRODUCT_SCHEMA],
      );
      for (const t of held) if (!needed.has(`${t.schema_name}.${t.table_name}`)) await work(`drop table ${ident(t.schema_name)}.${ident(t.table_name)}`);
    }
    for (const s of project.snapshots.values()) {
      await work(`create schema if not exists snapshots`);
      await work(`create or replace table snapshots.${ident(s.name)} as ${snapshotRemovalsSql(s)}`);
    }
    for (const sql of productSourceStatements(dataDir)) await work(sql);

    // What each model would be computed from now; an unchanged model's table stays as copied.
    const states = new Map(sources.map((r) => [`${r.schema}.${r.table}`, r.state]));
    const bases = new Map(sources.map((r) => [`${r.schema}.${r.table}`, r.basis]));
    for (const m of project.models.values()) {
      for (const s of m.sources) {
        const k = `${s.schema}.${s.table}`;
        if (!states.has(k)) states.set(k, await tableState(db, s.schema, s.table));
      }
    }
    // This file's macros only: the attached warehouse and previous build hold their own copies, and a
    // build with no previous build to attach must fingerprint as one with it.
    const salt = await db.value<string>(
      `select version() || coalesce(string_agg(function_name || ':' || coalesce(macro_definition, ''), '|' order by function_name, macro_definition), '')
       from duckdb_functions()
       where database_name = current_database() and function_type in ('macro', 'table_macro') and starts_with(function_name, 'cs_')`,
    );
    const fingerprints = modelFingerprints(project, order, (m) => compiled.models.get(m)!.sql, {
      state: (sc, t) => states.get(`${sc}.${t}`) ?? '',
      basis: (sc, t) => bases.get(`${sc}.${t}`) ?? states.get(`${sc}.${t}`) ?? '',
    }, salt);
    const stored = fromPrevious ? await storedStates(db) : new Map<string, ModelState>();
    // An explicit --select rebuilds what it names, changed or not.
    const unchanged = new Set(opts.select?.length ? [] : [...fingerprints].filter(([m, f]) => stored.get(m)?.fingerprint === f.fingerprint).map(([m]) => m));
    // Incremental models merge their new rows into the table they have. One that reads only the new rows
    // of a stream or of its sources is built whole instead when what its old rows were computed from
    // changed (its SQL, another input, a stream built whole).
    const streamed = (m: Model) => m.config.stream !== undefined || m.config.source_watermark !== undefined;
    const merged = new Set(
      opts.fullRefresh
        ? []
        : [...project.models.values()]
            .filter((m) => m.config.materialized === 'incremental')
            .filter((m) => !streamed(m) || stored.get(m.name)?.basis === fingerprints.get(m.name)!.basis)
            .map((m) => m.name),
    );
    if (fromPrevious) await dropRebuiltRelations(db, project, selected, unchanged, merged);
    if (await relationExists(db, await db.value<string>('select current_database()'), 'ref', 'calendar')) {
      // A warning, never a failure: working-day counts past the calendar's end are unreliable.
      const coverage = await calendarCoverage(db, asOf, opts.config.calendar.coverage_warning_days);
      if (!coverage.ok) opts.log.warn(coverage.message);
    }

    phase('sources, snapshots and fingerprints');
    const failed = new Set<string>();
    // Looked up once rather than per model: a build of 60 models otherwise spends a second asking.
    const tablesIn = async (catalog: string) =>
      new Set(
        (await db.all<{ t: string }>(`select table_name as t from duckdb_tables() where database_name = ? and schema_name = 'main'`, [catalog])).map((r) => r.t),
      );
    const previousTables = hasPrevious ? await tablesIn(PREVIOUS) : new Set<string>();
    const keptTables = fromPrevious ? await tablesIn(await db.value<string>('select current_database()')) : new Set<string>();
    const built = new Map<string, ModelState | null>();
    for (const name of order) {
      const model = project.models.get(name)!;
      const c = compiled.models.get(name)!;
      const materialized = model.config.materialized;
      const upstreamFailed = model.refs.some((r) => failed.has(r));
      const record: ModelRecord = {
        build_id: buildId, model: name, materialized, action: 'built', status: 'success', rows: null, seconds: 0, message: null,
      };
      if (upstreamFailed) {
        failed.add(name);
        models.push({ ...record, action: 'skipped', status: 'skipped', message: 'an upstream model failed' });
        continue;
      }
      const previousHas = materialized !== 'view' && previousTables.has(name);
      // Started from the previous build, its tables are here already: kept ones need no copy.
      const kept = keptTables.has(name);
      let plan: Plan;
      if (kept && unchanged.has(name) && materialized !== 'view') plan = keptPlan();
      else if (!selected.has(name) && (kept || previousHas)) plan = kept ? keptPlan() : copyPlan(model);
      else if (merged.has(name) && (kept || previousHas)) plan = incrementalPlan(model, c.incrementalSql ?? c.sql, { targetExists: kept });
      else plan = fullPlan(model, c.sql);
      if (plan.mode === 'copy') record.action = 'carried';
      const started = performance.now();
      try {
        for (const sql of plan.statements) await work(sql);
        if (materialized !== 'view') record.rows = await db.value<number>(`select count(*) from main.${ident(name)}`);
      } catch (e) {
        failed.add(name);
        record.status = 'error';
        record.message = (e as Error).message;
        log.error({ model: name, err: record.message }, 'model failed');
      }
      record.seconds = (performance.now() - started) / 1000;
      // A carried table of an unselected model keeps the fingerprint it was computed with.
      if (plan.mode !== 'copy') built.set(name, record.status === 'success' ? fingerprints.get(name)! : null);
      models.push(record);
      log.info({ model: name, action: record.action, mode: plan.mode, rows: record.rows, seconds: record.seconds }, 'model');
    }

    await recordStates(db, built);
    phase('models');
    for (const t of compiled.tests) {
      if (!t.test.models.some((m) => selected.has(m))) continue;
      if (t.test.models.some((m) => failed.has(m))) continue;
      const r = await runTest(db, t, buildId, opts.trace);
      tests.push(r);
      if (r.status !== 'pass') log.warn({ test: r.test, status: r.status, failures: r.failures, message: r.message }, 'data test');
    }

    phase('data tests');
    const modelErrors = models.filter((m) => m.status === 'error').map((m) => m.model);
    const blocking = tests.filter((t) => t.severity === 'error' && (t.status === 'fail' || t.status === 'error'));
    if (modelErrors.length) {
      status = 'error';
      message = `model(s) failed: ${modelErrors.join(', ')}`;
    } else if (blocking.length) {
      status = 'failed';
      message = `error-severity test(s) failed: ${blocking.map((t) => t.test).join(', ')}`;
    } else status = 'published';
    await finishRecords(db, { buildId, asOf, status, message, models, tests, now: now() });
    keep = (
      await db.all<{ build_id: string }>(
        `select build_id from ${WAREHOUSE}.runs.builds where status = 'published' order by finished_at desc limit ?`,
        [opts.config.builds.keep],
      )
    ).map((r) => r.build_id);
  } catch (e) {
    status = 'error';
    message = (e as Error).message;
    try {
      await db.run(`update ${WAREHOUSE}.runs.builds set status = 'error', finished_at = ?::timestamptz, message = ? where build_id = ?`, [
        now().toISOString(), message, buildId,
      ]);
    } catch {
      // the warehouse may be what failed; the thrown error says why
    }
    throw e;
  } finally {
    // Checkpoint and close before publishing: the published file must be complete and never written again.
    try {
      await db.run('checkpoint');
      phase('records and checkpoint');
    } finally {
      db.close();
      database.close();
    }
  }

  const published = status === 'published';
  if (published) {
    writePointer(dataDir, { build_id: buildId, as_of: asOf, file: relative(dataDir, file), published_at: now().toISOString() });
    log.info({ build_id: buildId, as_of: asOf }, 'build published');
    await pruneBuilds(dataDir, new Set([buildId, ...keep]), log);
    phase('publish and prune');
  } else {
    log.error({ build_id: buildId, message, serving: previous?.build_id ?? null }, 'build not published; the previous build keeps serving');
  }
  return { buildId, asOf, status, published, file, models, tests, sources, message };
}

/**
 * In a build copied from the previous one, drops every relation of the main schema that this build
 * makes again; what stays is the tables of models whose fingerprint is unchanged (carried), the
 * incremental models' tables that take new rows (merged below) and, in a partial build, the models not selected (carried
 * as they are: the as-of is the same).
 */
async function dropRebuiltRelations(
  db: Db,
  project: Project,
  selected: ReadonlySet<string>,
  unchanged: ReadonlySet<string>,
  merged: ReadonlySet<string>,
): Promise<void> {
  const relations = await db.all<{ name: string; kind: string }>(
    `select table_name as name, 'table' as kind from duckdb_tables() where database_name = current_database() and schema_name = 'main'
     union all
     select view_name, 'view' from duckdb_views() where database_name = current_database() and schema_name = 'main' and not internal`,
  );
  for (const r of relations) {
    const model = project.models.get(r.name);
    const keep =
      r.kind === 'table' &&
      model !== undefined &&
      (!selected.has(r.name) || unchanged.has(r.name) || merged.has(r.name));
    if (!keep) await db.run(`drop ${r.kind} ${ident(r.name)}`);
  }
}

async function finishRecords(
  db: Db,
  r: { buildId: string; asOf: string; status: BuildStatus; message: string | null; models: ModelRecord[]; tests: TestRecord[]; now: Date },
): Promise<void> {
  for (const m of r.models) await insertModelRecord(db, m);
  for (const t of r.tests) await insertTestRecord(db, t);
  await db.run(`insert into runs.builds select * from ${WAREHOUSE}.runs.builds where build_id = ?`, [r.buildId]);
  await db.run(`update runs.builds set status = ?, finished_at = ?::timestamptz, message = ?`, [r.status, r.now.toISOString(), r.message]);
  await db.run(`insert into ${WAREHOUSE}.runs.models select * from runs.models`);
  await db.run(`insert into ${WAREHOUSE}.runs.tests select * from runs.tests`);
  await db.run(`update ${WAREHOUSE}.runs.builds set status = ?, finished_at = ?::timestamptz, message = ? where build_id = ?`, [
    r.status, r.now.toISOString(), r.message, r.buildId,
  ]);
}
