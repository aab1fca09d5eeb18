/**
 * The models phase: each model, upstream first, is kept as copied, carried from the previous build,
 * merged incrementally or built whole, by what its fingerprint says changed and what was selected.
 */
import { ident } from '../../lib/db.js';
import type { BuildContext } from './build-context.js';
import { CONTENT_HASH_MAX_ROWS, fingerprintOf, isStreamed, tableState, type ModelState } from './fingerprints.js';
import { copyPlan, fullPlan, incrementalPlan, keptPlan, type Plan } from './materialize.js';
import type { ModelInputs } from './model-inputs.js';
import { newModelRecord, type ModelRecord } from './records.js';

export interface ModelsOutcome {
  models: ModelRecord[];
  /** Models that failed or were skipped for an upstream failure: their tests do not run. */
  failed: Set<string>;
  /** The state of each model built (not carried) in this build; null when it failed. */
  built: Map<string, ModelState | null>;
}

export async function materialiseModels(ctx: BuildContext, inputs: ModelInputs): Promise<ModelsOutcome> {
  const { plan, opts } = ctx;
  const outcome: ModelsOutcome = { models: [], failed: new Set(), built: new Map() };
  // Each model's state as this build leaves it, for the models reading it.
  const current = new Map<string, ModelState>();
  for (const name of plan.order) {
    const model = plan.project.models.get(name)!;
    const c = plan.compiled.models.get(name)!;
    const record = newModelRecord(plan.buildId, name, model.config.materialized);
    if (model.refs.some((r) => outcome.failed.has(r))) {
      outcome.failed.add(name);
      outcome.models.push({ ...record, action: 'skipped', status: 'skipped', message: 'an upstream model failed' });
      continue;
    }
    const state = fingerprintOf(model, c.sql, (r) => current.get(r), inputs.sourceStates, inputs.salt);
    const previous = inputs.stored.get(name);
    const how = choosePlan(ctx, inputs, name, state, previous);
    if (how.mode === 'copy') record.action = 'carried';
    const output = await runPlan(ctx, inputs, record, how, state.fingerprint);
    if (record.status === 'error') outcome.failed.add(name);
    // A carried table keeps the state it was computed with.
    if (how.mode === 'copy') current.set(name, previous ?? { ...state, output: state.fingerprint });
    else {
      current.set(name, { ...state, output });
      outcome.built.set(name, record.status === 'success' ? { ...state, output } : null);
    }
    outcome.models.push(record);
    const { action, rows, seconds } = record;
    opts.log.info({ model: name, action, mode: how.mode, rows, seconds }, 'model');
  }
  return outcome;
}

/** How to make one model, from what changed since the previous build and what was selected. */
function choosePlan(
  { plan, opts }: BuildContext,
  inputs: ModelInputs,
  name: string,
  { fingerprint, basis }: { fingerprint: string; basis: string },
  previous: ModelState | undefined,
): Plan {
  const model = plan.project.models.get(name)!;
  const c = plan.compiled.models.get(name)!;
  const materialized = model.config.materialized;
  const previousHas = materialized !== 'view' && inputs.previousTables.has(name);
  // Started from the previous build, its tables are here already: kept ones need no copy.
  const kept = inputs.heldRelations.get(name) === 'table';
  // An explicit --select rebuilds what it names, changed or not.
  if (kept && !opts.select?.length && previous?.fingerprint === fingerprint && materialized !== 'view')
    return keptPlan();
  if (!plan.selected.has(name) && (kept || previousHas)) return kept ? keptPlan() : copyPlan(model);
  // Incremental models merge their new rows into the table they have; one reading only the new rows
  // of a stream or of its sources is built whole when what its old rows came from changed.
  if (
    materialized === 'incremental' &&
    !opts.fullRefresh &&
    (kept || previousHas) &&
    (!isStreamed(model) || previous?.basis === basis)
  )
    return incrementalPlan(model, c.incrementalSql ?? c.sql, { targetExists: kept });
  const full = fullPlan(model, c.sql);
  if (inputs.heldRelations.has(name)) full.statements.unshift(`drop ${inputs.heldRelations.get(name)} ${ident(name)}`);
  return full;
}

/**
 * Runs a model's plan and fills its record (rows, seconds, or the error). Returns what the models
 * reading it see of it: the hash of its rows when small and read, else its fingerprint.
 */
async function runPlan(
  { db, work, opts }: BuildContext,
  inputs: ModelInputs,
  record: ModelRecord,
  how: Plan,
  fingerprint: string,
): Promise<string> {
  const name = record.model;
  const started = performance.now();
  let output = fingerprint;
  try {
    for (const sql of how.statements) await work(sql);
    if (record.materialized !== 'view') {
      record.rows = await db.value<number>(`select count(*) from main.${ident(name)}`);
      if (how.mode !== 'copy' && inputs.read.has(name) && record.rows <= CONTENT_HASH_MAX_ROWS)
        output = `rows:${await tableState(db, 'main', name)}`;
    }
  } catch (e) {
    record.status = 'error';
    record.message = (e as Error).message;
    opts.log.error({ model: name, err: record.message }, 'model failed');
  }
  record.seconds = (performance.now() - started) / 1000;
  return output;
}
