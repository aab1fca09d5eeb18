/**
 * The index phase: ART indexes on the published file's look-up keys, created in the build file after the
 * models and before the checkpoint, because a published build is opened read-only and can never be given
 * one later. A table rebuilt by this build lost its index with the old table; one kept from the previous
 * build still has it (`if not exists`). A table the build does not hold (a selected build, a failed model)
 * is skipped. Why these: docs/benchmarks.md, "Search and check look-ups by index".
 */
import { ident, type Db } from '../../lib/db.js';

/** Table → the column a point look-up or a page's rows are found by. */
export const LOOKUP_INDEXES: ReadonlyArray<{ table: string; column: string }> = [
  // A search page's rows, by the order keys its hits were ranked by (dashboards/search/indexed.ts): 20 rows
  // took 35–45 ms without, 4–8 ms with it on the city build.
  { table: 'entity_search', column: 'name_order' },
  // A credit check's subjects (dashboards/check/query.ts `factsOf`): the few asked USCCs become an index
  // look-up instead of a scan of every USCC, whose 8-byte zone maps every USCC of one city shares
  // (docs/benchmarks.md). check_entities holds the whole answer, so it is the one table a check reads by USCC.
  { table: 'check_entities', column: 'uscc' },
  // A profile's grade (dashboards/profile/), read by USCC like the check's.
  { table: 'credit_grades', column: 'uscc' },
];

/** The open file and its statement runner (the build's traced `work`, or the serving file's exec). */
type IndexTarget = { db: Db; work: (sql: string) => Promise<void> };

export const indexName = (table: string, column: string): string => `${table}__${column}__lookup`;

/**
 * Creates the look-up indexes of the tables the build file (or a PostgreSQL build's serving file) holds;
 * returns the ones it created or kept.
 */
export async function createLookupIndexes({ db, work }: IndexTarget): Promise<string[]> {
  const tables = new Set(
    (
      await db.all<{ name: string }>(
        `select table_name as name from duckdb_tables() where database_name = current_database() and schema_name = 'main'`,
      )
    ).map((r) => r.name),
  );
  const made: string[] = [];
  for (const { table, column } of LOOKUP_INDEXES) {
    if (!tables.has(table)) continue;
    const name = indexName(table, column);
    await work(`create index if not exists ${ident(name)} on main.${ident(table)} (${ident(column)})`);
    made.push(name);
  }
  return made;
}
