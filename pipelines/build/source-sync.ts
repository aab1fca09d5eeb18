/**
 * Brings a build file's copy of the sources up to date with the warehouse. A delivered source
 * (raw.<source>) is typed from the warehouse's landing table (pipelines/ingest/typed.ts): a build
 * that starts from a copy of the previous build appends only the rows of files loaded since, because
 * the ingest only ever appends. Everything else (the load log, reference tables) is small and copied
 * whole. The copy is redone whole when the typing SQL changed (a new version or another unit-error
 * threshold), when the warehouse is another one, or when the rows the copy holds are no longer all in
 * the warehouse.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../lib/db.js';
import { ident } from '../../lib/db.js';
import { CONTRACTS } from '../ingest/contracts/index.js';
import type { SourceContract } from '../ingest/contracts/types.js';
import { landingTable } from '../ingest/sql.js';
import { typedSelectSql } from '../ingest/typed.js';
import { WAREHOUSE } from './materialize.js';
import { tableState } from './fingerprints.js';

const STATE = 'runs.source_sync';

export interface SyncOptions {
  unitErrorThresholdYuan: number;
  /** Whether the build file started as a copy of the previous build (else every table is new). */
  fromPrevious: boolean;
  work: (sql: string) => Promise<void>;
}

export interface SyncResult {
  schema: string;
  table: string;
  mode: 'appended' | 'copied';
  rows: number;
  /** What the copy now holds, for the models' fingerprints (pipelines/build/fingerprints.ts). */
  state: string;
  /**
   * What stays the same while the copy only grows by appended rows: set when the copy is made whole,
   * kept while rows are appended (models that read only the new rows compare it).
   */
  basis: string;
  /** The PostgreSQL engine's sync: rows sent to the coordinator and the seconds it took (bench/engines.ts). */
  sent?: { rows: number; seconds: number };
}

export async function ensureSyncState(db: Db): Promise<void> {
  await db.exec(`create schema if not exists runs;
    create table if not exists ${STATE} (
      schema_name varchar, table_name varchar, fingerprint varchar, warehouse_id varchar, max_file_id bigint, landed_rows bigint,
      primary key (schema_name, table_name));
    alter table ${STATE} add column if not exists basis varchar`);
}

const contractOf = (schema: string, table: string): SourceContract | undefined =>
  schema === 'raw' ? (CONTRACTS as Record<string, SourceContract>)[table] : undefined;

async function warehouseId(db: Db): Promise<string> {
  const exists = await db.value<number>(
    `select count(*) from duckdb_tables() where database_name = ? and schema_name = 'ingest' and table_name = 'warehouse'`,
    [WAREHOUSE],
  );
  return exists ? await db.value<string>(`select id from ${WAREHOUSE}.ingest.warehouse limit 1`) : 'unknown';
}

async function tableExists(db: Db, schema: string, table: string, catalog?: string): Promise<boolean> {
  return (
    (await db.value<number>(
      `select count(*) from duckdb_tables() where database_name = ${catalog ? '?' : 'current_database()'} and schema_name = ? and table_name = ?`,
      catalog ? [catalog, schema, table] : [schema, table],
    )) > 0
  );
}

/** Copies or appends one source into the build file, and records what it holds. */
export async function syncSource(db: Db, schema: string, table: string, opts: SyncOptions): Promise<SyncResult> {
  const target = `${ident(schema)}.${ident(table)}`;
  await opts.work(`create schema if not exists ${ident(schema)}`);
  // A delivered source is typed from its landing table; any other table (or a warehouse written by
  // hand, as the runner's own tests do) is copied as it is.
  const contract = contractOf(schema, table);
  if (!contract || !(await tableExists(db, 'landing', table, WAREHOUSE))) {
    await opts.work(`create or replace table ${target} as select * from ${WAREHOUSE}.${target}`);
    const state = await tableState(db, schema, table);
    return { schema, table, mode: 'copied', rows: Number(state.split(':')[0]), state, basis: state };
  }
  const typed = (afterFileId?: number) =>
    typedSelectSql(contract, {
      catalog: `${WAREHOUSE}.`,
      afterFileId,
      unitErrorThresholdYuan: opts.unitErrorThresholdYuan,
    });
  const fingerprint = createHash('sha256')
    .update(typedSelectSql(contract, { unitErrorThresholdYuan: opts.unitErrorThresholdYuan }))
    .digest('hex');
  const wid = await warehouseId(db);
  const landing = landingTable(contract, `${WAREHOUSE}.`);
  const now = await db.one<{ max_file_id: number | null; landed: number }>(
    `select max(_file_id) as max_file_id, count(*) as landed from ${landing}`,
  );
  const maxFileId = now?.max_file_id ?? 0;

  const held =
    opts.fromPrevious && (await tableExists(db, schema, table))
      ? await db.one<{
          fingerprint: string;
          warehouse_id: string;
          max_file_id: number;
          landed_rows: number;
          basis: string | null;
        }>(
          `select fingerprint, warehouse_id, max_file_id, landed_rows, basis from ${STATE} where schema_name = ? and table_name = ?`,
          [schema, table],
        )
      : undefined;
  let mode: SyncResult['mode'] = 'copied';
  if (held && held.fingerprint === fingerprint && held.warehouse_id === wid && wid !== 'unknown') {
    // The rows the copy was made from must all still be there, unchanged in number.
    const stillThere = await db.value<number>(`select count(*) from ${landing} where _file_id <= ?`, [
      held.max_file_id,
    ]);
    if (stillThere === held.landed_rows) mode = 'appended';
  }
  if (mode === 'appended') {
    if (maxFileId > held!.max_file_id) await opts.work(`insert into ${target} ${typed(held!.max_file_id)}`);
  } else {
    await opts.work(`create or replace table ${target} as ${typed()}`);
  }
  const state = `${fingerprint}:${wid}:${maxFileId}:${now?.landed ?? 0}`;
  // A copy made before bases were recorded gets one of its own, so what read it is built whole once.
  const basis = mode === 'appended' ? (held!.basis ?? `${fingerprint}:${wid}:unrecorded`) : state;
  // One statement (by the primary key): a delete and an insert were two commits per source.
  await db.run(
    `insert or replace into ${STATE} (schema_name, table_name, fingerprint, warehouse_id, max_file_id, landed_rows, basis) values (?, ?, ?, ?, ?, ?, ?)`,
    [schema, table, fingerprint, wid, maxFileId, now?.landed ?? 0, basis],
  );
  return { schema, table, mode, rows: await db.value<number>(`select count(*) from ${target}`), state, basis };
}
