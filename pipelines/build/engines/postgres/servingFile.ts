/**
 * The DuckDB serving file of a PostgreSQL build (DIR/builds/<build_id>.duckdb), which the pointer then
 * names: every table model (and contracted view) copied from the build's schema, the serving indexes
 * built from them with their DuckDB SQL and their data tests run, the look-up indexes, the run records,
 * and the contract tests run where the contract's types are DuckDB's.
 *
 * When the published file holds the copies of the schema this build started from, the new file starts
 * as a copy of it and only the tables whose rows changed travel again: a build after a small delivery
 * does not copy the whole warehouse out of the cluster.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import type pg from 'pg';
import { Database, ident, type Db } from '../../../../lib/db.js';
import { installMacros } from '../../../../lib/sql/macros.js';
import type { BuildOptions } from '../../build-context.js';
import { verdictOf } from '../../build-records.js';
import { createLookupIndexes } from '../../build-indexes.js';
import type { planBuild } from '../../build-plan.js';
import { compileAll, type Compiled } from '../../compile.js';
import { fullPlan, relation } from '../../materialize.js';
import {
  ensureRecordTables,
  insertModelRecords,
  insertTestRecords,
  newModelRecord,
  type ModelRecord,
  type TestRecord,
} from '../../records.js';
import { runTest } from '../../run-test.js';
import { fingerprintOf, type ModelState } from '../../fingerprints.js';
import type { Model } from '../../types.js';
import { carries, type PgModelInputs } from './models.js';
import { copyToServing } from './serving.js';

type Plan = ReturnType<typeof planBuild>;

export const isServingIndex = (plan: Plan, model: string): boolean =>
  plan.project.models.get(model)?.config.serving_index === true;

/** The models the serving file holds as tables: tables, and views with a column contract (event_traces). */
const served = (m: Model) =>
  !m.config.serving_index && (m.config.materialized !== 'view' || m.columns.some((c) => c.data_type));

/** The published file to start from, and the models whose rows in it are this build's. */
export interface ServingReuse {
  file: string;
  unchanged: ReadonlySet<string>;
}

/** What the serving indexes' fingerprints are made of: the models phase's inputs and what it left. */
export interface ServingFingerprints {
  inputs: PgModelInputs;
  seen: ReadonlyMap<string, ModelState>;
}

/**
 * The published serving file, when it is the copy of the build `fromBuildId` that this build's models
 * started from (the same build the coordinator's pointer names).
 */
export function reusableServing(
  plan: Plan,
  fromBuildId: string | undefined,
  unchanged: ReadonlySet<string>,
): ServingReuse | undefined {
  const file = plan.previousFile;
  if (!file || !fromBuildId || plan.previous?.build_id !== fromBuildId || !existsSync(file)) return undefined;
  return { file, unchanged };
}

/** Returns the serving indexes' model records and the tests run here. */
export async function writeServingFile(
  opts: BuildOptions,
  plan: Plan,
  compiled: Compiled,
  coord: pg.Client,
  schema: string,
  records: { models: readonly ModelRecord[]; tests: readonly TestRecord[] },
  reuse: ServingReuse | undefined,
  fingerprints: ServingFingerprints,
): Promise<{ models: ModelRecord[]; tests: TestRecord[]; copied: string[]; states: Map<string, ModelState> }> {
  rmSync(plan.file, { force: true });
  if (reuse) copyFileSync(reuse.file, plan.file);
  const database = await Database.open(plan.file);
  try {
    const db = await database.connect();
    const kept = await keepUnchanged(db, plan, reuse);
    const copied: string[] = [];
    for (const model of plan.project.models.values())
      if (served(model) && !kept.has(model.name)) {
        await copyToServing(coord, db, schema, model, `${plan.file}.${model.name}.json`);
        copied.push(model.name);
      }
    const indexes = await buildServingIndexes(db, opts, plan, fingerprints, reuse ? kept : new Set());
    const here: TestRecord[] = [...indexes.tests];
    for (const t of compiled.tests)
      if (t.test.kind === 'contract') here.push(await runTest(db, t, plan.buildId, opts.trace));
    await createLookupIndexes({ db, work: (sql) => db.exec(sql) });
    await writeRecords(db, opts, plan, [...records.models, ...indexes.models], [...records.tests, ...here]);
    await db.run('checkpoint');
    db.close();
    return { models: indexes.models, tests: here, copied, states: indexes.states };
  } finally {
    database.close();
  }
}

/**
 * In a copy of the published file, keeps the served tables whose rows did not change and the serving
 * indexes (decided on by their own fingerprints), and drops every other relation of main (made again
 * below, or no longer a model). Returns the kept tables.
 */
async function keepUnchanged(db: Db, plan: Plan, reuse: ServingReuse | undefined): Promise<Set<string>> {
  const kept = new Set<string>();
  if (!reuse) return kept;
  const held = await db.all<{ name: string; kind: string }>(
    `select table_name as name, 'table' as kind from duckdb_tables() where database_name = current_database() and schema_name = 'main'
     union all
     select view_name, 'view' from duckdb_views() where database_name = current_database() and schema_name = 'main' and not internal`,
  );
  for (const { name, kind } of held) {
    const model = plan.project.models.get(name);
    if (kind === 'table' && model && ((served(model) && reuse.unchanged.has(name)) || model.config.serving_index))
      kept.add(name);
    else await db.exec(`drop ${kind} main.${ident(name)}`);
  }
  return kept;
}

/**
 * The serving indexes (config serving_index: the search's sorted tables), built in the serving file with
 * the SQL the DuckDB engine runs, over the tables copied there, unless the copy of the published file
 * holds one whose fingerprint is unchanged (or that --select leaves out); then the data tests on them.
 */
async function buildServingIndexes(
  db: Db,
  opts: BuildOptions,
  plan: Plan,
  { inputs, seen }: ServingFingerprints,
  held: ReadonlySet<string>,
): Promise<{ models: ModelRecord[]; tests: TestRecord[]; states: Map<string, ModelState> }> {
  const duckdb = compileAll(plan.project, { asOf: opts.asOf, buildId: plan.buildId, config: opts.config });
  await installMacros(db, opts.config);
  const models: ModelRecord[] = [];
  const states = new Map<string, ModelState>();
  for (const name of plan.order.filter((m) => isServingIndex(plan, m))) {
    const model = plan.project.models.get(name)!;
    const sql = duckdb.models.get(name)!.sql;
    const state = fingerprintOf(model, sql, (r) => seen.get(r), inputs.sources, inputs.salt);
    const before = inputs.previous?.states.get(name);
    const carry = held.has(name) && carries(opts, plan, name, before, state.fingerprint);
    const started = performance.now();
    const record = newModelRecord(plan.buildId, name, model.config.materialized);
    if (carry) record.action = 'carried';
    try {
      const statements = carry ? [] : fullPlan(model, sql).statements;
      if (!carry && held.has(name)) statements.unshift(`drop table main.${ident(name)}`);
      for (const statement of statements) {
        opts.trace?.push(statement);
        await db.exec(statement);
      }
      record.rows = await db.value<number>(`select count(*)::bigint from ${relation(name)}`);
      if (!carry || before) states.set(name, carry ? before! : { ...state, output: state.fingerprint });
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
  return { models, tests, states };
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
  await insertModelRecords(db, models);
  await insertTestRecords(db, tests);
}
