/**
 * Connections to the PostgreSQL servers of `sentinel build --engine postgres` (sentinel.config.yaml,
 * `postgres:`). Values come back as the DuckDB side reads them: dates as 'YYYY-MM-DD' text, BIGINT as a
 * number, so rows compare and copy without a conversion of their own.
 */
import pg from 'pg';
import type { Config } from '../../../../lib/config/schema.js';
import { SentinelError } from '../../../../lib/errors.js';

export type PgSettings = Config['postgres'];
export interface PgAddress {
  host: string;
  port: number;
}

/** A server that did not answer: names which one and where, so an operator knows what to start. */
export class PgUnreachableError extends SentinelError {
  constructor(message: string) {
    super('postgres_unreachable', message);
  }
}

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function clientConfig(s: PgSettings, at: PgAddress): pg.ClientConfig {
  return {
    host: at.host,
    port: at.port,
    user: s.user,
    password: s.password ?? undefined,
    database: s.database,
    connectionTimeoutMillis: s.connect_timeout_seconds * 1000,
    application_name: 'sentinel-build',
  };
}

/** Opens one connection, or says plainly which server is unreachable. */
export async function connect(s: PgSettings, at: PgAddress, role: string): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(s, at));
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new PgUnreachableError(
      `PostgreSQL ${role} at ${at.host}:${at.port} is unreachable (${(e as Error).message}); ` +
        `start it (scripts/pg-cluster.ts starts a local cluster) or correct postgres: in sentinel.config.yaml`,
    );
  }
  return client;
}

/** Checks every worker answers before anything is written, so a build never starts on half a cluster. */
export async function checkWorkers(s: PgSettings): Promise<void> {
  for (const [i, w] of s.workers.entries()) (await connect(s, w, `worker ${i + 1}`)).end();
}
