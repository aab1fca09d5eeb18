/**
 * The DDL adapter: how a source table is laid out on the engine. Unsharded, a plain table on the
 * coordinator. Sharded, a table hash-partitioned by uscc whose partitions are tables on the workers,
 * reached through postgres_fdw foreign tables (asynchronous scans, batched inserts), so a scan or an
 * aggregate by uscc runs on every worker at once. Only this file changes for Citus
 * (create_distributed_table(…, 'uscc')) or GaussDB DWS (DISTRIBUTE BY HASH(uscc)): docs/scale-out.md.
 */
import type pg from 'pg';
import { ident, literal } from '../../../../lib/db.js';
import { connect, type PgSettings } from './connection.js';

export interface PgColumn {
  name: string;
  type: string;
}

const serverName = (i: number) => `cs_worker_${i + 1}`;
const shardName = (schema: string, table: string, r: number) => `${schema}__${table}_p${r}`;

/** What the foreign servers and partitions were made for: when it changes, sharded tables are made again. */
export const layoutSignature = (s: PgSettings): string =>
  JSON.stringify({ workers: s.workers, shards: s.shards_per_worker, tables: s.sharded_tables });

/**
 * The postgres_fdw servers for the workers, with asynchronous scans and batched inserts. A row moved
 * over the network costs twenty times postgres_fdw's default estimate, so the planner sends an
 * aggregate by uscc to the workers rather than their rows to the coordinator.
 */
export async function ensureWorkerServers(coord: pg.Client, s: PgSettings): Promise<void> {
  if (!s.workers.length) return;
  await coord.query(`create extension if not exists postgres_fdw`);
  for (const [i, w] of s.workers.entries()) {
    const name = ident(serverName(i));
    await coord.query(`drop server if exists ${name} cascade`);
    await coord.query(
      `create server ${name} foreign data wrapper postgres_fdw options (host ${literal(w.host)}, port ${literal(String(w.port))},
         dbname ${literal(s.database)}, async_capable 'true', batch_size '1000', fetch_size '10000', fdw_tuple_cost '0.2')`,
    );
    const password = s.password ? `, password ${literal(s.password)}` : '';
    await coord.query(
      `create user mapping for current_user server ${name} options (user ${literal(s.user)}${password})`,
    );
  }
}

export const isSharded = (s: PgSettings, schema: string, table: string, columns: readonly PgColumn[]): boolean =>
  s.workers.length > 0 && s.sharded_tables.includes(`${schema}.${table}`) && columns.some((c) => c.name === 'uscc');

/** (Re)creates one source table, empty, in the layout its settings ask for. */
export async function createSourceTable(
  coord: pg.Client,
  s: PgSettings,
  schema: string,
  table: string,
  columns: readonly PgColumn[],
): Promise<void> {
  const target = `${ident(schema)}.${ident(table)}`;
  const cols = columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  await coord.query(`create schema if not exists ${ident(schema)}`);
  await coord.query(`drop table if exists ${target} cascade`);
  if (!isSharded(s, schema, table, columns)) {
    await coord.query(`create table ${target} (${cols})`);
    return;
  }
  await coord.query(`create table ${target} (${cols}) partition by hash (uscc)`);
  const modulus = s.workers.length * s.shards_per_worker;
  for (let r = 0; r < modulus; r++) {
    const w = r % s.workers.length;
    const shard = shardName(schema, table, r);
    const worker = await connect(s, s.workers[w]!, `worker ${w + 1}`);
    try {
      await worker.query(`create schema if not exists shards`);
      await worker.query(`drop table if exists shards.${ident(shard)}`);
      await worker.query(`create table shards.${ident(shard)} (${cols})`);
    } finally {
      await worker.end();
    }
    await coord.query(
      `create foreign table ${ident(schema)}.${ident(shard)} partition of ${target}
         for values with (modulus ${modulus}, remainder ${r})
         server ${ident(serverName(w))} options (schema_name 'shards', table_name ${literal(shard)})`,
    );
  }
}

/** DuckDB's type (as describe prints it) as the PostgreSQL column type holding the same values. */
export function pgType(duckdb: string): string {
  if (duckdb.endsWith('[]')) return `${pgType(duckdb.slice(0, -2))}[]`;
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(duckdb);
  if (decimal) return `numeric(${decimal[1]}, ${decimal[2]})`;
  const map: Record<string, string> = {
    VARCHAR: 'text',
    JSON: 'text',
    BIGINT: 'bigint',
    INTEGER: 'integer',
    SMALLINT: 'smallint',
    TINYINT: 'smallint',
    HUGEINT: 'numeric',
    UBIGINT: 'numeric',
    UINTEGER: 'bigint',
    DOUBLE: 'double precision',
    FLOAT: 'real',
    BOOLEAN: 'boolean',
    DATE: 'date',
    TIMESTAMP: 'timestamp',
    'TIMESTAMP WITH TIME ZONE': 'timestamptz',
  };
  const t = map[duckdb];
  if (!t) throw new Error(`no PostgreSQL type for DuckDB's ${duckdb}`);
  return t;
}
