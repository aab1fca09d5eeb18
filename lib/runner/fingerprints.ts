/**
 * What a model's table was computed from: its compiled SQL (as-of and configuration values are in
 * it), the fingerprints of the models it reads and the state of the sources it reads. A build that
 * starts from a copy of the previous build keeps a table whose fingerprint has not changed instead of
 * computing it again: a delivery of penalties leaves the register's models as they were.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db.js';
import { ident } from '../db.js';
import type { Project } from './types.js';

const STATE = 'runs.model_state';

export async function ensureModelState(db: Db): Promise<void> {
  await db.exec(`create schema if not exists runs;
    create table if not exists ${STATE} (model varchar primary key, fingerprint varchar not null);
    alter table ${STATE} add column if not exists basis varchar`);
}

/** A small table's state: its row count and a hash of every row (for copied sources and snapshots). */
export async function tableState(db: Db, schema: string, table: string): Promise<string> {
  const r = await db.one<{ n: number; h: string | null }>(
    `select count(*) as n, sum(hash(t::varchar))::varchar as h from ${ident(schema)}.${ident(table)} as t`,
  );
  return `${r?.n ?? 0}:${r?.h ?? ''}`;
}

export interface ModelState {
  /** What the table was computed from; unchanged, the table is kept as it is. */
  fingerprint: string;
  /**
   * What an incremental model's old rows were computed from: everything but the growth of its stream
   * (its sources' new rows for source_watermark, its stream model's merged rows for stream). Unchanged,
   * merging the new rows gives the table a whole build would; changed, the model is built whole. For
   * any other model it is the fingerprint.
   */
  basis: string;
}

/** How a source reads to a model: its whole state, and what stays the same while it only grows. */
export interface SourceStates {
  state: (schema: string, table: string) => string;
  basis: (schema: string, table: string) => string;
}

/**
 * Fingerprints of every model, in dependency order. `salt` covers what every model depends on (the
 * macros' SQL, the engine version).
 */
export function modelFingerprints(
  project: Project,
  order: readonly string[],
  compiledSql: (model: string) => string,
  sources: SourceStates,
  salt: string,
): Map<string, ModelState> {
  const out = new Map<string, ModelState>();
  for (const name of order) {
    const m = project.models.get(name)!;
    const hash = (asStream: boolean) => {
      const h = createHash('sha256').update(salt).update('\0').update(m.config.materialized).update('\0').update(compiledSql(name));
      for (const r of [...m.refs].sort()) {
        const upstream = out.get(r);
        h.update(`\0ref:${r}=${(asStream && r === m.config.stream ? upstream?.basis : upstream?.fingerprint) ?? ''}`);
      }
      for (const s of [...m.sources].map((x) => `${x.schema}.${x.table}`).sort()) {
        const [schema = '', table = ''] = s.split('.');
        h.update(`\0source:${s}=${asStream && m.config.source_watermark ? sources.basis(schema, table) : sources.state(schema, table)}`);
      }
      return h.digest('hex');
    };
    const fingerprint = hash(false);
    const streamed = m.config.materialized === 'incremental' && (m.config.stream !== undefined || m.config.source_watermark !== undefined);
    out.set(name, { fingerprint, basis: streamed ? hash(true) : fingerprint });
  }
  return out;
}

export async function storedStates(db: Db): Promise<Map<string, ModelState>> {
  const rows = await db.all<{ model: string; fingerprint: string; basis: string | null }>(`select model, fingerprint, basis from ${STATE}`);
  return new Map(rows.map((r) => [r.model, { fingerprint: r.fingerprint, basis: r.basis ?? '' }]));
}

/** Records what each built model's table was computed from (null: it failed, so nothing is known). */
export async function recordStates(db: Db, states: ReadonlyMap<string, ModelState | null>): Promise<void> {
  if (!states.size) return;
  const models = [...states.keys()];
  await db.run(`delete from ${STATE} where model in (select unnest(?::varchar[]))`, [models]);
  const known = [...states].filter((e): e is [string, ModelState] => e[1] !== null);
  if (!known.length) return;
  await db.run(
    `insert into ${STATE} select unnest(?::varchar[]), unnest(?::varchar[]), unnest(?::varchar[])`,
    [known.map(([m]) => m), known.map(([, s]) => s.fingerprint), known.map(([, s]) => s.basis)],
  );
}
