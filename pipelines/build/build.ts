/**
 * `build()`: checks the DAG, builds every model into a new file DIR/builds/<build_id>.duckdb, runs the
 * data tests there and publishes the file only when no `error` test failed. The previous published
 * build keeps serving until the pointer moves, and is never written to.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Database, ident, literal, type Db } from '../../lib/db.js';
import type { Config } from '../../lib/config/schema.js';
import { InputError } from '../../lib/errors.js';
import type { Log } from '../../lib/log.js';
import { paths } from '../../lib/dataDir.js';
import { readPointer, writePointer } from '../../lib/publish/pointer.js';
import { pruneBuilds } from '../../lib/publish/retention.js';
import { selectModels, topoOrder } from './dag.js';
import { copyPlan, fullPlan, incrementalPlan, keptPlan, PREVIOUS, WAREHOUSE, type Plan } from './materialize.js';
import { loadProject } from './project.js';
import {
  ensureRecordTables,
  insertModelRecord,
  insertTestRecord,
  type BuildStatus,
  type ModelRecord,
  type TestRecord,
} from './records.js';
import { compileAll } from './compile.js';
import { runTest } from './run-test.js';
import { snapshotRemovalsSql } from './snapshots.js';
import { installMacros } from '../../lib/sql/macros.js';
import { PRODUCT_SCHEMA, productSourceStatements } from '../../lib/followUp/productSources.js';
import { ensureSyncState, syncSource, type SyncResult } from './source-sync.js';
import {
  CONTENT_HASH_MAX_ROWS,
  ensureModelState,
  fingerprintOf,
  isStreamed,
  recordStates,
  storedStates,
  tableState,
  type ModelState,
} from './fingerprints.js';
import { calendarCoverage } from '../../lib/reference/coverage.js';
import type { Project } from './types.js';

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
  const all = [...project.models.values()].flatMap((m) =>
    m.sources.filter((s) => s.schema !== 'snapshots' && s.schema !== PRODUCT_SCHEMA),
  );
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
    await db.run(
      `insert into ${WAREHOUSE}.runs.builds values (?, ?::date, ?::timestamptz, null, 'running', ?, ?, null)`,
      [buildId, asOf, now().toISOString(), opts.select?.join(' ') ?? null, opts.fullRefresh ?? false],
    );
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
    if (missing.length)
      throw new InputError(`the warehouse lacks source table(s) ${missing.join(', ')}; run \`sentinel ingest\` first`);

    // The build file gets its own copy of every source, so it answers queries without the warehouse and
    // keeps the inputs it was built from.
    const unitErrorThresholdYuan = opts.config.ingest.unit_error_threshold_wan * 10000;
    for (const s of sourcesNeeded(project)) {
      const started = performance.now();
      const r = await syncSource(db, s.schema, s.table, { unitErrorThresholdYuan, fromPrevious, work });
      sources.push(r);
      log.info(
        { source: `${s.schema}.${s.table}`, mode: r.mode, rows: r.rows, seconds: (performance.now() - started) / 1000 },
        'source',
      );
    }
    if (fromPrevious) {
      // A source no model reads any more must not linger in the copy.
      const needed = new Set([
        ...sourcesNeeded(project).map((x) => `${x.schema}.${x.table}`),
        ...[...project.snapshots.keys()].map((n) => `snapshots.${n}`),
      ]);
      const held = await db.all<{ schema_name: string; table_name: string }>(
        `select schema_name, table_name from duckdb_tables() where database_name = current_database() and schema_name not in ('main', 'runs', ?)`,
        [PRODUCT_SCHEMA],
      );
      for (const t of held)
        if (!needed.has(`${t.schema_name}.${t.table_name}`))
          await work(`drop table ${ident(t.schema_name)}.${ident(t.table_name)}`);
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
    const sourceStates = {
      state: (sc: string, t: string) => states.get(`${sc}.${t}`) ?? '',
      basis: (sc: string, t: string) => bases.get(`${sc}.${t}`) ?? states.get(`${sc}.${t}`) ?? '',
    };
    const stored = fromPrevious ? await storedStates(db) : new Map<string, ModelState>();
    const catalog = await db.value<string>('select current_database()');
    // Relations the copy holds: a model's is dropped when it is made again (below), and one that no
    // model makes any more goes now.
    const heldRelations = new Map(
      (
        await db.all<{ name: string; kind: string }>(
          `select table_name as name, 'table' as kind from duckdb_tables() where database_name = ? and schema_name = 'main'
           union all
           select view_name, 'view' from duckdb_views() where database_name = ? and schema_name = 'main' and not internal`,
          [catalog, catalog],
        )
      ).map((r) => [r.name, r.kind]),
    );
    for (const [name, kind] of heldRelations) {
      if (!project.models.has(name)) {
        await work(`drop ${kind} ${ident(name)}`);
        heldRelations.delete(name);
      }
    }
    if (await relationExists(db, catalog, 'ref', 'calendar')) {
      // A warning, never a failure: working-day counts past the calendar's end are unreliable.
      const coverage = await calendarCoverage(db, asOf, opts.config.calendar.coverage_warning_days);
      if (!coverage.ok) opts.log.warn(coverage.message);
    }

    phase('sources, snapshots and fingerprints');
    const failed = new Set<string>();
    const previousTables = hasPrevious
      ? new Set(
          (
            await db.all<{ t: string }>(
              `select table_name as t from duckdb_tables() where database_name = ? and schema_name = 'main'`,
              [PREVIOUS],
            )
          ).map((r) => r.t),
        )
      : new Set<string>();
    const read = new Set([...project.models.values()].flatMap((m) => m.refs));
    // Each model's state as this build leaves it, for the models reading it; `built` is what to record.
    const current = new Map<string, ModelState>();
    const built = new Map<string, ModelState | null>();
    for (const name of order) {
      const model = project.models.get(name)!;
      const c = compiled.models.get(name)!;
      const materialized = model.config.materialized;
      const upstreamFailed = model.refs.some((r) => failed.has(r));
      const record: ModelRecord = {
        build_id: buildId,
        model: name,
        materialized,
        action: 'built',
        status: 'success',
        rows: null,
        seconds: 0,
        message: null,
      };
      if (upstreamFailed) {
        failed.add(name);
        models.push({ ...record, action: 'skipped', status: 'skipped', message: 'an upstream model failed' });
        continue;
      }
      const { fingerprint, basis } = fingerprintOf(model, c.sql, (r) => current.get(r), sourceStates, salt);
      const previous = stored.get(name);
      const previousHas = materialized !== 'view' && previousTables.has(name);
      // Started from the previous build, its tables are here already: kept ones need no copy.
      const kept = heldRelations.get(name) === 'table';
      let plan: Plan;
      // An explicit --select rebuilds what it names, changed or not.
      if (kept && !opts.select?.length && previous?.fingerprint === fingerprint && materialized !== 'view')
        plan = keptPlan();
      else if (!selected.has(name) && (kept || previousHas)) plan = kept ? keptPlan() : copyPlan(model);
      // Incremental models merge their new rows into the table they have; one reading only the new rows
      // of a stream or of its sources is built whole when what its old rows came from changed.
      else if (
        materialized === 'incremental' &&
        !opts.fullRefresh &&
        (kept || previousHas) &&
        (!isStreamed(model) || previous?.basis === basis)
      )
        plan = incrementalPlan(model, c.incrementalSql ?? c.sql, { targetExists: kept });
      else {
        plan = fullPlan(model, c.sql);
        if (heldRelations.has(name)) plan.statements.unshift(`drop ${heldRelations.get(name)} ${ident(name)}`);
      }
      if (plan.mode === 'copy') record.action = 'carried';
      const started = performance.now();
      let output = fingerprint;
      try {
        for (const sql of plan.statements) await work(sql);
        if (materialized !== 'view') {
          record.rows = await db.value<number>(`select count(*) from main.${ident(name)}`);
          if (plan.mode !== 'copy' && read.has(name) && record.rows <= CONTENT_HASH_MAX_ROWS)
            output = `rows:${await tableState(db, 'main', name)}`;
        }
      } catch (e) {
        failed.add(name);
        record.status = 'error';
        record.message = (e as Error).message;
        log.error({ model: name, err: record.message }, 'model failed');
      }
      record.seconds = (performance.now() - started) / 1000;
      // A carried table keeps the state it was computed with.
      if (plan.mode === 'copy') current.set(name, previous ?? { fingerprint, basis, output: fingerprint });
      else {
        current.set(name, { fingerprint, basis, output });
        built.set(name, record.status === 'success' ? { fingerprint, basis, output } : null);
      }
      models.push(record);
      log.info(
        { model: name, action: record.action, mode: plan.mode, rows: record.rows, seconds: record.seconds },
        'model',
      );
    }

    await recordStates(db, built);
    phase('models');
    for (const t of compiled.tests) {
      if (!t.test.models.some((m) => selected.has(m))) continue;
      if (t.test.models.some((m) => failed.has(m))) continue;
      const r = await runTest(db, t, buildId, opts.trace);
      tests.push(r);
      if (r.status !== 'pass')
        log.warn({ test: r.test, status: r.status, failures: r.failures, message: r.message }, 'data test');
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
      await db.run(
        `update ${WAREHOUSE}.runs.builds set status = 'error', finished_at = ?::timestamptz, message = ? where build_id = ?`,
        [now().toISOString(), message, buildId],
      );
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
    writePointer(dataDir, {
      build_id: buildId,
      as_of: asOf,
      file: relative(dataDir, file),
      published_at: now().toISOString(),
    });
    log.info({ build_id: buildId, as_of: asOf }, 'build published');
    await pruneBuilds(dataDir, new Set([buildId, ...keep]), log);
    phase('publish and prune');
  } else {
    log.error(
      { build_id: buildId, message, serving: previous?.build_id ?? null },
      'build not published; the previous build keeps serving',
    );
  }
  return { buildId, asOf, status, published, file, models, tests, sources, message };
}

async function finishRecords(
  db: Db,
  r: {
    buildId: string;
    asOf: string;
    status: BuildStatus;
    message: string | null;
    models: ModelRecord[];
    tests: TestRecord[];
    now: Date;
  },
): Promise<void> {
  for (const m of r.models) await insertModelRecord(db, m);
  for (const t of r.tests) await insertTestRecord(db, t);
  await db.run(`insert into runs.builds select * from ${WAREHOUSE}.runs.builds where build_id = ?`, [r.buildId]);
  await db.run(`update runs.builds set status = ?, finished_at = ?::timestamptz, message = ?`, [
    r.status,
    r.now.toISOString(),
    r.message,
  ]);
  await db.run(`insert into ${WAREHOUSE}.runs.models select * from runs.models`);
  await db.run(`insert into ${WAREHOUSE}.runs.tests select * from runs.tests`);
  await db.run(
    `update ${WAREHOUSE}.runs.builds set status = ?, finished_at = ?::timestamptz, message = ? where build_id = ?`,
    [r.status, r.now.toISOString(), r.message, r.buildId],
  );
}
