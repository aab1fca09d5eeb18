/**
 * Sources on the engine: the ingest still lands and types rows in DuckDB; this step loads them into the
 * PostgreSQL source tables. A delivered source with a `_file_id` takes only the rows of files loaded
 * since its last sync (the ingest only appends), in one transaction with its state, so a load that
 * stops half-way leaves nothing and the next one redoes it: running it twice loads nothing twice.
 * Each load is recorded in cs_meta.source_loads (which files, how many rows, for which build), and
 * every row keeps its `_file_id`, the ingest's record of the delivery it came from.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../../../lib/db.js';
import { ident } from '../../../../lib/db.js';
import { CONTRACTS } from '../../../ingest/contracts/index.js';
import type { SourceContract } from '../../../ingest/contracts/types.js';
import { landingTable } from '../../../ingest/sql.js';
import { typedSelectSql } from '../../../ingest/typed.js';
import { rowsState } from '../../fingerprints.js';
import { WAREHOUSE } from '../../materialize.js';
import type { PgSettings } from './connection.js';
import { copyLineSql, holdsNulSql, type DuckColumn } from './copyText.js';
import { createSourceTable, isSharded, layoutSignature, pgType, type PgColumn } from './layout.js';

/** About how much COPY text (UTF-16 code units) is written to the connection at once. */
const PIECE_BYTES = 1 << 20;

export interface PgSyncResult {
  schema: string;
  table: string;
  mode: 'appended' | 'copied';
  /** Rows loaded by this sync. */
  loaded: number;
  rows: number;
  /** Rows loaded with a NUL replaced by U+FFFD (PostgreSQL text cannot hold a NUL: copyText.ts). */
  nulReplaced: number;
  /** Wall time of this source's sync (the benchmark's rows/s). */
  seconds: number;
  /** What the table holds now, for the models' fingerprints (fingerprints.ts): unchanged, so are its rows. */
  state: string;
  /**
   * What stays the same while the table only grows (new files appended): an incremental model reading
   * only the new rows merges them while it is unchanged.
   */
  basis: string;
}

export const META_DDL = `
create schema if not exists cs_meta;
create table if not exists cs_meta.source_state (
  schema_name text, table_name text, fingerprint text, warehouse_id text, columns text, layout text,
  max_file_id bigint, landed_rows bigint, synced_at timestamptz, primary key (schema_name, table_name));
create table if not exists cs_meta.source_loads (
  build_id text, schema_name text, table_name text, mode text, after_file_id bigint, max_file_id bigint,
  rows bigint, warehouse_id text, loaded_at timestamptz);
alter table cs_meta.source_loads add column if not exists nul_replaced bigint;
alter table cs_meta.source_state add column if not exists basis text;
`;

interface Held {
  fingerprint: string;
  warehouse_id: string;
  columns: string;
  layout: string;
  max_file_id: number;
  landed_rows: number;
  basis: string | null;
}

const contractOf = (schema: string, table: string): SourceContract | undefined =>
  schema === 'raw' ? (CONTRACTS as Record<string, SourceContract>)[table] : undefined;

async function duckTableExists(db: Db, schema: string, table: string): Promise<boolean> {
  const n = await db.value<number>(
    `select count(*) from duckdb_tables() where database_name = ? and schema_name = ? and table_name = ?`,
    [WAREHOUSE, schema, table],
  );
  return n > 0;
}

const typedSelect = (contract: SourceContract, unitErrorThresholdYuan: number, afterFileId?: number) =>
  typedSelectSql(contract, { catalog: `${WAREHOUSE}.`, afterFileId, unitErrorThresholdYuan });
const wholeSelect = (relation: string, after?: number) =>
  `select * from ${relation}${after === undefined ? '' : ` where _file_id > ${after}`}`;

/** The rows of a warehouse source as the DuckDB build copies them: typed from its landing table, else as they are. */
export async function sourceSelectSql(db: Db, schema: string, table: string, unitErrorThresholdYuan: number) {
  const contract = contractOf(schema, table);
  return contract && (await duckTableExists(db, 'landing', table))
    ? typedSelect(contract, unitErrorThresholdYuan)
    : wholeSelect(`${WAREHOUSE}.${ident(schema)}.${ident(table)}`);
}

/** Loads one source from the attached warehouse (`db`, DuckDB) into the coordinator. */
export async function syncSourceToPostgres(
  db: Db,
  coord: pg.Client,
  s: PgSettings,
  source: { schema: string; table: string },
  opts: {
    unitErrorThresholdYuan: number;
    buildId: string;
    warehouseId: string;
    /** The DuckDB catalog holding the table: the warehouse, or `memory` for what the runner derives. */
    catalog?: string;
  },
): Promise<PgSyncResult> {
  const { schema, table } = source;
  const started = performance.now();
  const catalog = opts.catalog ?? WAREHOUSE;
  const contract = catalog === WAREHOUSE ? contractOf(schema, table) : undefined;
  const typed = contract && (await duckTableExists(db, 'landing', table));
  const whole = `${catalog}.${ident(schema)}.${ident(table)}`;
  const select = (after?: number) =>
    typed ? typedSelect(contract, opts.unitErrorThresholdYuan, after) : wholeSelect(whole, after);
  const described = await db.all<{ column_name: string; column_type: string }>(`describe ${select()}`);
  const columns: PgColumn[] = described.map((c) => ({ name: c.column_name, type: pgType(c.column_type) }));
  const byFile = columns.some((c) => c.name === '_file_id');
  const landed = typed ? landingTable(contract, `${WAREHOUSE}.`) : whole;
  const now = byFile
    ? await db.one<{ max_file_id: number | null; n: number }>(
        `select max(_file_id) as max_file_id, count(*) as n from ${landed}`,
      )
    : { max_file_id: null, n: await db.value<number>(`select count(*) from ${whole}`) };
  const fingerprint = createHash('sha256').update(select()).digest('hex');
  const signature = JSON.stringify(columns);
  const layout = layoutSignature(s);

  const held = (
    await coord.query<Held>(
      `select fingerprint, warehouse_id, columns, layout, max_file_id, landed_rows, basis from cs_meta.source_state
       where schema_name = $1 and table_name = $2`,
      [schema, table],
    )
  ).rows[0];
  let after: number | undefined;
  if (
    byFile &&
    held &&
    held.fingerprint === fingerprint &&
    held.warehouse_id === opts.warehouseId &&
    held.columns === signature &&
    held.layout === layout
  ) {
    // The rows the table was loaded from must all still be in the warehouse, unchanged in number.
    const still = await db.value<number>(`select count(*) from ${landed} where _file_id <= ?`, [held.max_file_id]);
    if (still === held.landed_rows) after = held.max_file_id;
  }
  const mode: PgSyncResult['mode'] = after === undefined ? 'copied' : 'appended';
  const target = `${ident(schema)}.${ident(table)}`;
  // Nothing to read when no file arrived since the last sync; else the rows stream from DuckDB as COPY
  // text while the coordinator takes them (one pass of the typed select, overlapping the copy): a city's
  // utilities (millions of rows) held as JavaScript objects at once ran the builder out of heap.
  const nothingNew = after !== undefined && (now?.max_file_id ?? 0) <= after;
  const duckColumns = described.map((c) => ({ name: c.column_name, type: c.column_type }));
  let sent: Sent = { rows: 0, nulReplaced: 0 };
  const states = byFile
    ? fileStates(`${fingerprint}:${opts.warehouseId}`, `${now?.max_file_id ?? null}:${now?.n ?? 0}`, mode, held)
    : await contentStates(db, select());

  await coord.query('begin');
  try {
    // Emptied in place when its shape is unchanged: dropping it would drop the views of earlier builds.
    const sameShape = held?.columns === signature && held.layout === layout;
    if (mode === 'copied' && sameShape) await coord.query(`truncate table ${target}`);
    else if (mode === 'copied') await createSourceTable(coord, s, schema, table, columns);
    else await coord.query(`delete from ${target} where _file_id > $1`, [after]);
    if (!nothingNew && isSharded(s, schema, table, columns)) {
      // COPY into a partitioned table routes each row to its foreign partition one remote INSERT at a
      // time (PostgreSQL 15 batches only INSERT … SELECT): land the rows on the coordinator first, then
      // move them in postgres_fdw's batches.
      await coord.query(`create temp table cs__copy (like ${target}) on commit drop`);
      sent = await copyRows(db, coord, 'pg_temp.cs__copy', select(after), duckColumns);
      await coord.query(`insert into ${target} select * from pg_temp.cs__copy`);
    } else if (!nothingNew) sent = await copyRows(db, coord, target, select(after), duckColumns);
    const maxFileId = now?.max_file_id ?? null;
    await coord.query(`delete from cs_meta.source_state where schema_name = $1 and table_name = $2`, [schema, table]);
    await coord.query(
      `insert into cs_meta.source_state (schema_name, table_name, fingerprint, warehouse_id, columns, layout,
         max_file_id, landed_rows, synced_at, basis) values ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)`,
      [schema, table, fingerprint, opts.warehouseId, signature, layout, maxFileId, now?.n ?? 0, states.basis],
    );
    await coord.query(
      `insert into cs_meta.source_loads (build_id, schema_name, table_name, mode, after_file_id, max_file_id, rows,
         warehouse_id, loaded_at, nul_replaced) values ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)`,
      [opts.buildId, schema, table, mode, after ?? null, maxFileId, sent.rows, opts.warehouseId, sent.nulReplaced],
    );
    await coord.query('commit');
  } catch (e) {
    await coord.query('rollback').catch(() => undefined);
    throw e;
  }
  if (mode === 'copied') await coord.query(`analyze ${target}`);
  const total = (await coord.query<{ n: number }>(`select count(*)::bigint as n from ${target}`)).rows[0]!.n;
  const seconds = (performance.now() - started) / 1000;
  return { schema, table, mode, loaded: sent.rows, rows: total, nulReplaced: sent.nulReplaced, seconds, ...states };
}

/**
 * A delivered source's state: what was read (the select's hash), from which warehouse, up to which file,
 * how many rows. Appended, its basis stays the one of the load it grows from (as the DuckDB sync keeps it).
 */
function fileStates(read: string, upTo: string, mode: PgSyncResult['mode'], held: Held | undefined) {
  const state = `${read}:${upTo}`;
  const basis = mode === 'appended' ? (held?.basis ?? `${read}:unrecorded`) : state;
  return { state, basis };
}

/** A source without files (reference tables, what the runner derives): its rows counted and hashed. */
async function contentStates(db: Db, select: string) {
  const state = await rowsState(db, `(${select})`);
  return { state, basis: state };
}

interface Sent {
  rows: number;
  nulReplaced: number;
}

/**
 * Sends the rows of `sql` by `COPY … FROM STDIN` (text format), each row made a COPY line by DuckDB
 * (copyText.ts) and read from a streamed result, about PIECE_BYTES at a time, waiting whenever the
 * connection's buffer is full: the heap holds one piece, not the table.
 */
async function copyRows(db: Db, coord: pg.Client, target: string, sql: string, columns: readonly DuckColumn[]) {
  const sent: Sent = { rows: 0, nulReplaced: 0 };
  const nul = holdsNulSql(columns) ?? 'false';
  const result = await db.conn.stream(`select ${copyLineSql(columns)} as line, (${nul})::integer as nul from (${sql})`);
  async function* pieces() {
    let piece: string[] = [];
    let bytes = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [lines, nuls] = [chunk.getColumnVector(0), chunk.getColumnVector(1)];
      for (let i = 0; i < chunk.rowCount; i++) {
        const line = lines.getItem(i) as string;
        piece.push(line);
        bytes += line.length;
        sent.nulReplaced += nuls.getItem(i) as number;
      }
      sent.rows += chunk.rowCount;
      if (bytes >= PIECE_BYTES) {
        yield piece.join('');
        [piece, bytes] = [[], 0];
      }
    }
    if (piece.length) yield piece.join('');
  }
  const names = columns.map((c) => ident(c.name)).join(', ');
  await pipeline(Readable.from(pieces()), coord.query(copyFrom(`copy ${target} (${names}) from stdin`)));
  return sent;
}
