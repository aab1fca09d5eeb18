/**
 * Serving stays on DuckDB: a published PostgreSQL build's tables are copied into a DuckDB build file
 * (DIR/builds/<build_id>.duckdb), which the pointer then names, so the server and pages read it as they
 * read any build and never query the cluster. Each row travels as a JSON line (row_to_json: dates ISO,
 * doubles shortest-exact) and is read back with the DuckDB type the mart's column contract declares,
 * else the one matching the PostgreSQL type.
 */
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
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

/**
 * The JSON lines of a table as COPY … TO STDOUT sends them, streamed into `file`. CSV with a delimiter
 * and a quote character that JSON text never holds raw (JSON escapes every control character), so each
 * line is the row's JSON untouched; the text format would double its backslashes.
 */
const JSON_LINES = (relation: string) =>
  `copy (select row_to_json(t)::text from ${relation} as t) to stdout with (format csv, delimiter e'\\x02', quote e'\\x01')`;

/**
 * Copies one built table of the PostgreSQL build into main.<name> of the open DuckDB serving file,
 * through a file of JSON lines written as the coordinator sends them: a large mart never sits whole in
 * the builder's heap.
 */
export async function copyToServing(coord: pg.Client, db: Db, schema: string, model: Model, tempFile: string) {
  const columns = await duckdbColumns(coord, schema, model);
  const target = `main.${ident(model.name)}`;
  try {
    await pipeline(coord.query(copyTo(JSON_LINES(inSchema(schema, model.name)))), createWriteStream(tempFile));
    if (statSync(tempFile).size === 0) {
      await db.exec(`create table ${target} (${columns.map(([n, t]) => `${ident(n)} ${t}`).join(', ')})`);
      return;
    }
    const spec = columns.map(([n, t]) => `${literal(n)}: ${literal(t)}`).join(', ');
    await db.exec(
      `create table ${target} as select * from read_json(${literal(tempFile)}, format = 'newline_delimited', columns = {${spec}})`,
    );
  } finally {
    rmSync(tempFile, { force: true });
  }
}
