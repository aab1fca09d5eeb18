/**
 * A Kysely dialect for DuckDB over the product's one DuckDB module (lib/db.ts), so typed queries get
 * the same values as every other read: BIGINT and DECIMAL as numbers, DATE as 'YYYY-MM-DD', lists as
 * arrays. DuckDB reads PostgreSQL's SQL for everything Kysely writes and binds `$1` parameters, so the
 * PostgreSQL compiler and adapter serve as they are; there is no introspector (the row types are
 * generated from the models' YAML instead, lib/kysely/martTypes.ts).
 */
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Db, Param } from '../db.js';

/** A value Kysely bound, as lib/db binds it; anything else (a Date, an object) is a mistake in a query. */
function toParam(value: unknown): Param {
  if (value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value)) return value as Param;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new TypeError(`cannot bind ${Object.prototype.toString.call(value)} to DuckDB; pass a string or number`);
}

class DuckDbConnection implements DatabaseConnection {
  constructor(private readonly db: Db) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: await this.db.all<R>(query.sql, query.parameters.map(toParam)) };
  }

  // eslint-disable-next-line require-yield -- the interface asks for a generator; no caller streams
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the DuckDB dialect; execute the query instead');
  }
}

/**
 * One connection, used by one query at a time: a DuckDB connection runs one statement at once, and
 * a transaction must keep every statement on it, so each acquire waits for the previous release.
 */
class DuckDbDriver implements Driver {
  private readonly connection: DuckDbConnection;
  private queue: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;

  constructor(private readonly db: Db) {
    this.connection = new DuckDbConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    await this.db.run('begin transaction');
  }

  async commitTransaction(): Promise<void> {
    await this.db.run('commit');
  }

  async rollbackTransaction(): Promise<void> {
    await this.db.run('rollback');
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = null;
    release?.();
  }

  /** The connection belongs to whoever opened it (a pool, withDb); Kysely does not close it. */
  async destroy(): Promise<void> {}
}

export class DuckDbDialect implements Dialect {
  constructor(private readonly db: Db) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new DuckDbDriver(this.db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  createIntrospector(): DatabaseIntrospector {
    const none = () => Promise.reject(new Error('the DuckDB dialect has no introspector; see lib/kysely/martTypes.ts'));
    return { getSchemas: none, getTables: none, getMetadata: none };
  }
}
