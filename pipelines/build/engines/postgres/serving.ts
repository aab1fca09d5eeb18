/**
 * Serving stays on DuckDB: a published PostgreSQL build's tables are copied into a DuckDB build file
 * (DIR/builds/<build_id>.duckdb), which the pointer then names, so the server and pages read it as they
 * read any build and never query the cluster. Each row travels as JSON (row_to_json: dates ISO,
 * doubles shortest-exact) and is read back with the DuckDB type the mart's column contract declares,
 * else the one matching the PostgreSQL type.
 */
import { rmSync, writeFileSync } from 'node:fs';
import type pg from 'pg';
import { ident, literal, type Db } from '../../../../lib/db.js';
import type { Model } from '../../types.js';
import { inSchema } from './materialize.js';

const DUCKDB_TYPE: Record<string, string> = {
  text: 'VARCHAR',
  'character varying': 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  smallint: 'SMALLINT',
  numeric: 'DOUBLE',
  'double precision': 'DOUBLE',
  real: 'FLOAT',
  boolean: 'BOOLEAN',
  date: 'DATE',
  'timestamp without time zone': 'TIMESTAMP',
  'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE',
  json: 'JSON',
  jsonb: 'JSON',
};

async function duckdbColumns(coord: pg.Client, schema: string, model: Model): Promise<Array<[string, string]>> {
  const { rows } = await coord.query<{ column_name: string; data_type: string; element: string | null }>(
    `select c.column_name, c.data_type, e.data_type as element
     from information_schema.columns c
     left join information_schema.element_types e
       on e.object_schema = c.table_schema and e.object_name = c.table_name and e.object_type = 'TABLE'
      and e.collection_type_identifier = c.dtd_identifier
     where c.table_schema = $1 and c.table_name = $2 order by c.ordinal_position`,
    [schema, model.name],
  );
  const declared = new Map(model.columns.filter((c) => c.data_type).map((c) => [c.name, c.data_type!]));
  return rows.map((r) => {
    const pgType =
      r.data_type === 'ARRAY' ? `${DUCKDB_TYPE[r.element ?? ''] ?? 'VARCHAR'}[]` : DUCKDB_TYPE[r.data_type];
    return [r.column_name, declared.get(r.column_name) ?? pgType ?? 'VARCHAR'];
  });
}

/** Copies one built table of the PostgreSQL build into main.<name> of the open DuckDB serving file. */
export async function copyToServing(coord: pg.Client, db: Db, schema: string, model: Model, tempFile: string) {
  const columns = await duckdbColumns(coord, schema, model);
  const { rows } = await coord.query<{ j: string }>(
    `select row_to_json(t)::text as j from ${inSchema(schema, model.name)} as t`,
  );
  const target = `main.${ident(model.name)}`;
  if (rows.length === 0) {
    await db.exec(`create table ${target} (${columns.map(([n, t]) => `${ident(n)} ${t}`).join(', ')})`);
    return;
  }
  writeFileSync(tempFile, rows.map((r) => r.j).join('\n'));
  try {
    const spec = columns.map(([n, t]) => `${literal(n)}: ${literal(t)}`).join(', ');
    await db.exec(
      `create table ${target} as select * from read_json(${literal(tempFile)}, format = 'newline_delimited', columns = {${spec}})`,
    );
  } finally {
    rmSync(tempFile, { force: true });
  }
}
