/** Typed queries over one DuckDB connection: `queryDb(db).selectFrom('warnings')…`, the rows as lib/db gives them. */
import { Kysely } from 'kysely';
import type { Db } from '../db.js';
import { DuckDbDialect } from './duckDbDialect.js';
import type { Marts } from './martTypes.js';
import type { WarehouseTables } from './warehouseTables.js';

/** The relations a query may name: the marts of a build, and the reference and ingest tables beside them. */
export type Tables = Marts & WarehouseTables;
export type QueryDb = Kysely<Tables>;

// One Kysely per connection: connections are pooled and reused, and a Kysely holds no other state.
const byConnection = new WeakMap<Db, QueryDb>();

export function queryDb(db: Db): QueryDb {
  let k = byConnection.get(db);
  if (!k) byConnection.set(db, (k = new Kysely<Tables>({ dialect: new DuckDbDialect(db) })));
  return k;
}
