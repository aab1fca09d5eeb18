/**
 * The models phase on PostgreSQL, deciding as the DuckDB build does (build-models.ts) what each model
 * needs: carried from the published build's schema (not selected, or its fingerprint unchanged), merged
 * incrementally, or built whole. Every build has a schema of its own, so carrying a table is a copy
 * within the coordinator, not a recomputation. What each table was computed from is kept per build
 * schema in cs_meta.model_state.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { BuildOptions } from '../../build-context.js';
import type { planBuild } from '../../build-plan.js';
import type { Compiled } from '../../compile.js';
import {
  CONTENT_HASH_MAX_ROWS,
  fingerprintOf,
  isStreamed,
  type ModelState,
  type SourceStates,
} from '../../fingerprints.js';
import { newModelRecord, type ModelRecord } from '../../records.js';
import { functionsSql } from './functions.js';
import { inSchema, pgCarryPlan, pgFullPlan, pgIncrementalPlan } from './materialize.js';
import type { PgSyncResult } from './sync.js';

type Plan = ReturnType<typeof planBuild>;

export const MODEL_STATE_DDL = `
create table if not exists cs_meta.model_state (schema_name text, model text, fingerprint text, basis text,
  output text, primary key (schema_name, model));
`;

/** The build this one starts from: its schema, the tables in it and what they were computed from. */
export interface PgPrevious {
  schema: string;
  tables: ReadonlySet<string>;
  states: ReadonlyMap<string, ModelState>;
}

export async function previousOf(coord: pg.Client, schema: string | undefined): Promise<PgPrevious | undefined> {
  if (!schema) return undefined;
  const tables = await coord.query<{ t: string }>(`select tablename as t from pg_tables where schemaname = $1`, [
    schema,
  ]);
  const states = await coord.query<{ model: string; fingerprint: string; basis: string; output: string }>(
    `select model, fingerprint, basis, output from cs_meta.model_state where schema_name = $1`,
    [schema],
  );
  return {
    schema,
    tables: new Set(tables.rows.map((r) => r.t)),
    states: new Map(
      states.rows.map((r) => [r.model, { fingerprint: r.fingerprint, basis: r.basis, output: r.output }]),
    ),
  };
}

/**
 * What every fingerprint includes besides the model's own inputs: the server's version and the text of
 * the cs functions standing in for DuckDB's macros.
 */
export async function pgSalt(coord: pg.Client): Promise<string> {
  const version = (await coord.query<{ v: string }>(`select version() as v`)).rows[0]!.v;
  return createHash('sha256').update(version).update('\0').update(functionsSql()).digest('hex');
}

export function sourceStatesOf(sources: readonly PgSyncResult[]): SourceStates {
  const byName = new Map(sources.map((r) => [`${r.schema}.${r.table}`, r]));
  return {
    state: (schema, table) => byName.get(`${schema}.${table}`)?.state ?? '',
    basis: (schema, table) => byName.get(`${schema}.${table}`)?.basis ?? '',
  };
}

export interface PgModelInputs {
  schema: string;
  previous: PgPrevious | undefined;
  sources: SourceStates;
  salt: string;
  /** A model's SQL as it reads without the build's schema (which differs in every build). */
  fingerprintSql: (model: string) => string;
}

type How = { statements: string[]; mode: 'carried' | 'full' | 'incremental-merge' };

/**
 * Whether a relation the previous build holds is kept as it is: --select leaves it out, or (no --select,
 * no --full-refresh) what it was computed from is what it would be computed from now. The DuckDB build's
 * rule (build-models.ts), for the models here and the serving indexes in the serving file.
 */
export function carries(
  opts: BuildOptions,
  plan: Plan,
  name: string,
  before: ModelState | undefined,
  fingerprint: string,
): boolean {
  const unchanged = !opts.select?.length && !opts.fullRefresh && before?.fingerprint === fingerprint;
  return unchanged || !plan.selected.has(name);
}

/** How to make one model in the new schema, from what changed since the previous build and what was selected. */
function choose(
  opts: BuildOptions,
  plan: Plan,
  compiled: Compiled,
  inputs: PgModelInputs,
  name: string,
  state: ModelState,
) {
  const model = plan.project.models.get(name)!;
  const c = compiled.models.get(name)!;
  const { schema, previous } = inputs;
  const materialized = model.config.materialized;
  const held = previous && materialized !== 'view' && previous.tables.has(name) ? previous : undefined;
  const before = held?.states.get(name);
  if (held && carries(opts, plan, name, before, state.fingerprint))
    return { statements: pgCarryPlan(schema, held.schema, name), mode: 'carried' } satisfies How;
  if (
    materialized === 'incremental' &&
    held &&
    !opts.fullRefresh &&
    (!isStreamed(model) || before?.basis === state.basis)
  )
    return {
      statements: pgIncrementalPlan(schema, held.schema, model, c.incrementalSql ?? c.sql),
      mode: 'incremental-merge',
    } satisfies How;
  return { statements: pgFullPlan(schema, model, c.sql), mode: 'full' } satisfies How;
}

/**
 * A small table's rows counted and hashed, independently of their order: the models reading it see a
 * table computed again to the same rows as unchanged.
 */
async function pgRowsState(coord: pg.Client, relation: string): Promise<string> {
  const r = (
    await coord.query<{ n: string; h: string | null }>(
      `select count(*)::text as n, sum(hashtextextended(t::text, 0))::text as h from ${relation} as t`,
    )
  ).rows[0]!;
  return `rows:${r.n}:${r.h ?? ''}`;
}

export interface PgModelsOutcome {
  models: ModelRecord[];
  /**
   * What each table of the schema was computed from, as far as it is known: none for a failed model,
   * nor for one carried from a build that recorded none (its next build then computes it).
   */
  states: Map<string, ModelState>;
  /**
   * The models whose rows are those of the previous build: carried tables, and views whose fingerprint
   * did not change. The serving file keeps its copies of these.
   */
  unchanged: Set<string>;
  /** What the models reading each one see of it (the serving indexes' fingerprints read these too). */
  seen: Map<string, ModelState>;
}

/**
 * Materialises every model but the serving indexes (built in the serving file), each as soon as the
 * models it reads are done, on as many coordinator connections as there are `clients`: independent
 * models run at once, and the workers' cores with them. Records come back in the plan's order.
 */
export async function materialisePg(
  opts: BuildOptions,
  plan: Plan,
  compiled: Compiled,
  clients: readonly pg.Client[],
  inputs: PgModelInputs,
  isServingIndex: (model: string) => boolean,
): Promise<PgModelsOutcome> {
  const names = plan.order.filter((n) => !isServingIndex(n));
  const run: ModelRun = {
    opts,
    plan,
    compiled,
    inputs,
    failed: new Set(),
    outcome: { models: [], states: new Map(), unchanged: new Set(), seen: new Map() },
    read: new Set([...plan.project.models.values()].flatMap((m) => m.refs)),
  };
  const records = new Map<string, ModelRecord>();
  const done = new Set(plan.order.filter(isServingIndex));
  const waiting = [...names];
  const idle = [...clients];
  const running = new Map<string, Promise<void>>();
  const ready = (name: string) => plan.project.models.get(name)!.refs.every((r) => done.has(r));
  for (;;) {
    for (let i = waiting.findIndex(ready); i >= 0 && idle.length; i = waiting.findIndex(ready)) {
      const name = waiting.splice(i, 1)[0]!;
      const client = idle.pop()!;
      const finish = () => {
        done.add(name);
        running.delete(name);
        idle.push(client);
      };
      running.set(name, materialiseOne(run, name, client, records).then(finish, finish));
    }
    if (!running.size) break;
    await Promise.race(running.values());
  }
  if (waiting.length) throw new Error(`models never ready (a cycle?): ${waiting.join(', ')}`);
  run.outcome.models = names.map((n) => records.get(n)!);
  return run.outcome;
}

/** What the models of one build share while they run. */
interface ModelRun {
  opts: BuildOptions;
  plan: Plan;
  compiled: Compiled;
  inputs: PgModelInputs;
  failed: Set<string>;
  outcome: PgModelsOutcome;
  /** Models some other model reads. */
  read: ReadonlySet<string>;
}

/** One model on one connection: skipped, carried, merged or built, its record and state filled in. */
async function materialiseOne(
  { opts, plan, compiled, inputs, failed, outcome, read }: ModelRun,
  name: string,
  client: pg.Client,
  records: Map<string, ModelRecord>,
): Promise<void> {
  const model = plan.project.models.get(name)!;
  const record = newModelRecord(plan.buildId, name, model.config.materialized);
  records.set(name, record);
  if (model.refs.some((r) => failed.has(r))) {
    failed.add(name);
    Object.assign(record, { action: 'skipped', status: 'skipped', message: 'an upstream model failed' });
    return;
  }
  const sql = inputs.fingerprintSql(name);
  const seen = outcome.seen;
  const state = { ...fingerprintOf(model, sql, (r) => seen.get(r), inputs.sources, inputs.salt), output: '' };
  const how = choose(opts, plan, compiled, inputs, name, state);
  if (how.mode === 'carried') record.action = 'carried';
  const started = performance.now();
  try {
    for (const statement of how.statements) {
      opts.trace?.push(statement);
      await client.query(statement);
    }
    const relation = inSchema(inputs.schema, name);
    if (model.config.materialized !== 'view')
      record.rows = Number(
        (await client.query<{ n: string }>(`select count(*)::bigint as n from ${relation}`)).rows[0]!.n,
      );
    // A carried table keeps the state it was computed with.
    const carried = how.mode === 'carried' ? inputs.previous!.states.get(name) : undefined;
    state.output =
      carried?.output ??
      (read.has(name) && record.rows !== null && record.rows <= CONTENT_HASH_MAX_ROWS
        ? await pgRowsState(client, relation)
        : state.fingerprint);
    seen.set(name, carried ?? state);
    if (how.mode !== 'carried' || carried) outcome.states.set(name, carried ?? state);
    const before = inputs.previous?.states.get(name);
    if (how.mode === 'carried' || (model.config.materialized === 'view' && before?.fingerprint === state.fingerprint))
      outcome.unchanged.add(name);
  } catch (e) {
    failed.add(name);
    record.status = 'error';
    record.message = (e as Error).message;
    opts.log.error({ model: name, err: record.message }, 'model failed');
  }
  record.seconds = (performance.now() - started) / 1000;
  const { action, rows, seconds } = record;
  opts.log.info({ model: name, action, mode: how.mode, rows, seconds }, 'model');
}

/** Records what tables of the build's schema (or its serving file) were computed from, for the next build. */
export async function recordPgStates(
  coord: pg.Client,
  schema: string,
  states: ReadonlyMap<string, ModelState>,
): Promise<void> {
  if (!states.size) return;
  const rows = [...states];
  await coord.query(
    `insert into cs_meta.model_state (schema_name, model, fingerprint, basis, output)
     select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[])
     on conflict (schema_name, model) do update
       set fingerprint = excluded.fingerprint, basis = excluded.basis, output = excluded.output`,
    [
      schema,
      rows.map(([m]) => m),
      rows.map(([, s]) => s.fingerprint),
      rows.map(([, s]) => s.basis),
      rows.map(([, s]) => s.output),
    ],
  );
}
