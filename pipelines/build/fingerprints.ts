/**
 * What a model's table was computed from: its compiled SQL (as-of and configuration values are in
 * it), what it reads of other models (their rows for small tables, else their fingerprints) and the
 * state of the sources it reads. A build that starts from a copy of the previous build keeps a table
 * whose fingerprint has not changed instead of computing it again: a delivery of penalties leaves the
 * register's models as they were, and a small table computed again to the same rows (the repairs'
 * links) leaves what reads it as it was.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../lib/db.js';
import { ident } from '../../lib/db.js';
import type { Model } from './types.js';

const STATE = 'runs.model_state';

export async function ensureModelState(db: Db): Promise<void> {
  await db.exec(`create schema if not exists runs;
    create table if not exists ${STATE} (model varchar primary key, fingerprint varchar not null);
    alter table ${STATE} add column if not exists basis varchar;
    alter table ${STATE} add column if not exists output varchar`);
}

/** A small table's state: its row count and a hash of every row (for copied sources and snapshots). */
export function tableState(db: Db, schema: string, table: string): Promise<string> {
  return rowsState(db, `${ident(schema)}.${ident(table)}`);
}

/** The same for any relation or parenthesised select (`from` text). */
export async function rowsState(db: Db, from: string): Promise<string> {
  const r = await db.one<{ n: number; h: string | null }>(
    `select count(*) as n, sum(hash(t))::varchar as h from ${from} as t`,
  );
  return `${r?.n ?? 0}:${r?.h ?? ''}`;
}

export interface ModelState {
  /** What the table was computed from; unchanged, the table is kept as it is. */
  fingerprint: string;
  /**
   * What an incremental model's old rows were computed from: everything but the growth of its stream
   * (its sources' new rows for source_watermark, its stream model's new rows for stream). Unchanged,
   * merging the new rows gives the table a whole build would; changed, the model is built whole. For
   * any other model it is the fingerprint.
   */
  basis: string;
  /**
   * What the models reading this one see of it: the hash of its rows for a small table (so a table
   * computed again to the same rows leaves its dependants as they were), else its fingerprint.
   */
  output: string;
}

/** How a source reads to a model: its whole state, and what stays the same while it only grows. */
export interface SourceStates {
  state: (schema: string, table: string) => string;
  basis: (schema: string, table: string) => string;
}

/** Tables of at most this many rows are told apart by their rows rather than by what made them. */
export const CONTENT_HASH_MAX_ROWS = 50_000;

/**
 * A model's fingerprint and basis from its compiled SQL, what it reads and `salt` (what every model
 * depends on: the macros' SQL, the engine version). `upstream` gives the state of each model it reads,
 * computed (or kept) earlier in the same build.
 */
export function fingerprintOf(
  m: Model,
  compiledSql: string,
  upstream: (model: string) => ModelState | undefined,
  sources: SourceStates,
  salt: string,
): { fingerprint: string; basis: string } {
  const hash = (asStream: boolean) => {
    const h = createHash('sha256')
      .update(salt)
      .update('\0')
      .update(m.config.materialized)
      .update('\0')
      .update(compiledSql);
    for (const r of [...m.refs].sort()) {
      const u = upstream(r);
      h.update(`\0ref:${r}=${(asStream && r === m.config.stream ? u?.basis : u?.output) ?? ''}`);
    }
    for (const s of [...m.sources].map((x) => `${x.schema}.${x.table}`).sort()) {
      const [schema = '', table = ''] = s.split('.');
      h.update(
        `\0source:${s}=${asStream && m.config.source_watermark ? sources.basis(schema, table) : sources.state(schema, table)}`,
      );
    }
    return h.digest('hex');
  };
  const fingerprint = hash(false);
  return { fingerprint, basis: isStreamed(m) ? hash(true) : fingerprint };
}

/** An incremental model that reads only the new rows of its stream or of its sources. */
export const isStreamed = (m: Model): boolean =>
  m.config.materialized === 'incremental' && (m.config.stream !== undefined || m.config.source_watermark !== undefined);

export async function storedStates(db: Db): Promise<Map<string, ModelState>> {
  const rows = await db.all<{ model: string; fingerprint: string; basis: string | null; output: string | null }>(
    `select model, fingerprint, basis, output from ${STATE}`,
  );
  return new Map(
    rows.map((r) => [r.model, { fingerprint: r.fingerprint, basis: r.basis ?? '', output: r.output ?? r.fingerprint }]),
  );
}

/** Records what each built model's table was computed from (null: it failed, so nothing is known). */
export async function recordStates(db: Db, states: ReadonlyMap<string, ModelState | null>): Promise<void> {
  if (!states.size) return;
  const models = [...states.keys()];
  await db.run(`delete from ${STATE} where model in (select unnest(?::varchar[]))`, [models]);
  const known = [...states].filter((e): e is [string, ModelState] => e[1] !== null);
  if (!known.length) return;
  await db.run(
    `insert into ${STATE} (model, fingerprint, basis, output) select unnest(?::varchar[]), unnest(?::varchar[]), unnest(?::varchar[]), unnest(?::varchar[])`,
    [
      known.map(([m]) => m),
      known.map(([, s]) => s.fingerprint),
      known.map(([, s]) => s.basis),
      known.map(([, s]) => s.output),
    ],
  );
}
