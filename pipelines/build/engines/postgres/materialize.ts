/**
 * The statements that materialise one model on PostgreSQL, in the build's own schema: the twins of
 * pipelines/build/materialize.ts. An incremental model starts from its table in the published build's
 * schema and merges only the new rows; without one, or with --full-refresh, it is built whole.
 */
import { ident } from '../../../../lib/db.js';
import { streamBatch } from '../../compile.js';
import type { Model } from '../../types.js';

export const inSchema = (schema: string, name: string): string => `${ident(schema)}.${ident(name)}`;

export function pgFullPlan(schema: string, model: Model, sql: string): string[] {
  const kind = model.config.materialized === 'view' ? 'view' : 'table';
  const statements = [`create ${kind} ${inSchema(schema, model.name)} as\n${sql}`];
  if (kind === 'table') statements.push(`analyze ${inSchema(schema, model.name)}`);
  return statements;
}

/** A table of the previous build's schema copied as it is: what it was computed from has not changed. */
export function pgCarryPlan(schema: string, previousSchema: string, name: string): string[] {
  const target = inSchema(schema, name);
  return [`create table ${target} as table ${inSchema(previousSchema, name)}`, `analyze ${target}`];
}

/**
 * The keys of two rows equal, NULL equal to NULL (DuckDB's `is not distinct from`), in a form the
 * planner can hash: `is not distinct from` can only be a nested loop, which at city scale made the
 * merge of int_penalties_assessed (225 000 rows against 225 000) run for more than ten minutes. Array
 * equality treats two NULL elements as equal, and the text of a value is unique within its type.
 */
const sameKey = (keys: readonly string[], a: string, b: string): string =>
  `array[${keys.map((k) => `${a}.${k}::text`).join(', ')}] = array[${keys.map((k) => `${b}.${k}::text`).join(', ')}]`;

export function pgIncrementalPlan(schema: string, previousSchema: string, model: Model, sql: string): string[] {
  const c = model.config;
  const target = inSchema(schema, model.name);
  const batch = ident(`${model.name}__batch`);
  const statements = [`create table ${target} as select * from ${inSchema(previousSchema, model.name)}`];
  if (c.date_column) {
    const col = ident(c.date_column);
    const since = `(select max(${col}) - ${Number(c.lookback_days ?? 0)} from ${target})`;
    // Late records land up to lookback_days before the newest date already built: rebuild that range.
    statements.push(
      `create temp table ${batch} as select * from (\n${sql}\n) as model where coalesce(${col} >= ${since}, true)`,
      `delete from ${target} where coalesce(${col} >= ${since}, true)`,
    );
  } else if (c.stream) {
    const stream = streamBatch(model.name);
    const mark = ident(c.watermark ?? '');
    const keys = (c.unique_key ?? []).map(ident);
    const replaced = ident(`${model.name}__keys`);
    const same = (a: string, b: string) => sameKey(keys, a, b);
    const source = inSchema(schema, c.stream);
    statements.push(
      `create temp table ${stream} as select * from ${source} where ${mark} > (select coalesce(max(${mark}), -1) from ${target})`,
      `create temp table ${batch} as ${sql}`,
      `create temp table ${replaced} as select ${keys.join(', ')} from ${stream} union select ${keys.join(', ')} from ${batch}`,
      `delete from ${target} as target_rows where exists (select 1 from ${replaced} as k where ${same('k', 'target_rows')})`,
      `delete from ${target} as target_rows where not exists (select 1 from ${source} as s where ${same('s', 'target_rows')})`,
      `drop table ${stream}`,
      `drop table ${replaced}`,
    );
  } else {
    const mark = ident(c.watermark ?? '');
    const match = [sameKey((c.unique_key ?? []).map(ident), batch, 'target_rows')];
    statements.push(
      `create temp table ${batch} as select * from (\n${sql}\n) as model where coalesce(${mark} > (select max(${mark}) from ${target}), true)`,
      `delete from ${target} as target_rows where exists (select 1 from ${batch} where ${match.join(' and ')})`,
    );
  }
  statements.push(`insert into ${target} select * from ${batch}`, `drop table ${batch}`, `analyze ${target}`);
  return statements;
}
