/**
 * The statements that materialise one model in the build file. Incremental models start from the
 * previous published build's table and merge only the new rows; with no previous table, or with
 * --full-refresh, they are built whole like a table.
 */
import { ident } from '../../lib/db.js';
import { streamBatch } from './compile.js';
import type { Model } from './types.js';

export const PREVIOUS = '__previous';
export const WAREHOUSE = '__warehouse';

export const relation = (name: string): string => `main.${ident(name)}`;
export const previousRelation = (name: string): string => `${PREVIOUS}.main.${ident(name)}`;

export interface Plan {
  /** Statements run in order; a failure stops the model. */
  statements: string[];
  mode: 'view' | 'table' | 'incremental-merge' | 'copy';
}

export function fullPlan(model: Model, sql: string): Plan {
  const kind = model.config.materialized === 'view' ? 'view' : 'table';
  return { statements: [`create ${kind} ${relation(model.name)} as\n${sql}`], mode: kind };
}

export function copyPlan(model: Model): Plan {
  return {
    statements: [`create table ${relation(model.name)} as select * from ${previousRelation(model.name)}`],
    mode: 'copy',
  };
}

/** A table the build file already holds, copied with the whole previous build: nothing to do. */
export function keptPlan(): Plan {
  return { statements: [], mode: 'copy' };
}

/**
 * Merges the new rows of an incremental model into a copy of its previous table (or into the table
 * itself, when the build file started as a copy of the previous build).
 */
export function incrementalPlan(model: Model, sql: string, opts: { targetExists?: boolean } = {}): Plan {
  const c = model.config;
  const target = relation(model.name);
  const batch = ident(`${model.name}__batch`);
  const statements = opts.targetExists
    ? []
    : [`create table ${target} as select * from ${previousRelation(model.name)}`];
  if (c.date_column) {
    const col = ident(c.date_column);
    const bound = ident(`${model.name}__since`);
    // Late records land up to lookback_days before the newest date already built: rebuild that range.
    statements.push(
      `create temp table ${bound} as select max(${col}) - interval ${Number(c.lookback_days ?? 0)} day as since from ${target}`,
      `create temp table ${batch} as select * from (\n${sql}\n) as model where coalesce(${col} >= (select since from ${bound}), true)`,
      `delete from ${target} where coalesce(${col} >= (select since from ${bound}), true)`,
      `drop table ${bound}`,
    );
  } else if (c.stream) {
    // The stream's new and replaced rows are those above the table's watermark: the watermark is the
    // id of the file a row came from, ids grow with every load, and the table was built from every
    // file loaded before. The model computed over them replaces the rows of their keys (also those it
    // now filters out) and of the keys it produces. A key the stream no longer has at all (its own
    // model filtered out a corrected row) leaves no new row to say so: the table's rows are matched
    // against the whole stream for that.
    const stream = streamBatch(model.name);
    const mark = ident(c.watermark ?? '');
    const keys = (c.unique_key ?? []).map(ident);
    const replaced = ident(`${model.name}__keys`);
    statements.push(
      `create temp table ${stream} as select * from ${relation(c.stream)} where ${mark} > (select coalesce(max(${mark}), -1) from ${target})`,
      `create temp table ${batch} as ${sql}`,
      `create temp table ${replaced} as select ${keys.join(', ')} from ${stream} union select ${keys.join(', ')} from ${batch}`,
      `delete from ${target} as target_rows where exists (select 1 from ${replaced} as k where ${keys.map((k) => `k.${k} is not distinct from target_rows.${k}`).join(' and ')})`,
      `delete from ${target} as target_rows where not exists (select 1 from ${relation(c.stream)} as s where ${keys.map((k) => `s.${k} is not distinct from target_rows.${k}`).join(' and ')})`,
      `drop table ${stream}`,
      `drop table ${replaced}`,
    );
  } else {
    const mark = ident(c.watermark ?? '');
    const match = (c.unique_key ?? []).map((k) => `${batch}.${ident(k)} is not distinct from target_rows.${ident(k)}`);
    statements.push(
      `create temp table ${batch} as select * from (\n${sql}\n) as model where coalesce(${mark} > (select max(${mark}) from ${target}), true)`,
      `delete from ${target} as target_rows where exists (select 1 from ${batch} where ${match.join(' and ')})`,
    );
  }
  statements.push(`insert into ${target} by name select * from ${batch}`, `drop table ${batch}`);
  return { statements, mode: 'incremental-merge' };
}
