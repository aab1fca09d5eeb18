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
    create table if not exists ${STATE} (model varchar primary key, fingerprint varchar not null)`);
}

/** A small table's state: its row count and a hash of every row (for copied sources and snapshots). */
export async function tableState(db: Db, schema: string, table: string): Promise<string> {
  const r = await db.one<{ n: number; h: string | null }>(
    `select count(*) as n, sum(hash(t::varchar))::varchar as h from ${ident(schema)}.${ident(table)} as t`,
  );
  return `${r?.n ?? 0}:${r?.h ?? ''}`;
}

/**
 * Fingerprints of every model, in dependency order. `salt` covers what every model depends on (the
 * macros' SQL, the engine version); `sourceState` names the state of each source table.
 */
export function modelFingerprints(
  project: Project,
  order: readonly string[],
  compiledSql: (model: string) => string,
  sourceState: (schema: string, table: string) => string,
  salt: string,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of order) {
    const m = project.models.get(name)!;
    const h = createHash('sha256').update(salt).update('\0').update(m.config.materialized).update('\0').update(compiledSql(name));
    for (const r of [...m.refs].sort()) h.update(`\0ref:${r}=${out.get(r) ?? ''}`);
    for (const s of [...m.sources].map((x) => `${x.schema}.${x.table}`).sort()) {
      const [schema = '', table = ''] = s.split('.');
      h.update(`\0source:${s}=${sourceState(schema, table)}`);
    }
    out.set(name, h.digest('hex'));
  }
  return out;
}

export async function storedFingerprints(db: Db): Promise<Map<string, string>> {
  const rows = await db.all<{ model: string; fingerprint: string }>(`select model, fingerprint from ${STATE}`);
  return new Map(rows.map((r) => [r.model, r.fingerprint]));
}

export async function recordFingerprint(db: Db, model: string, fingerprint: string | null): Promise<void> {
  await db.run(`delete from ${STATE} where model = ?`, [model]);
  if (fingerprint !== null) await db.run(`insert into ${STATE} values (?, ?)`, [model, fingerprint]);
}
