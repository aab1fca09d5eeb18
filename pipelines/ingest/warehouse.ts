import { createHash } from 'node:crypto';
import { ident, literal, type Db } from '../../lib/db.js';
import { SentinelError } from '../../lib/errors.js';
import { CONTRACTS } from './contracts/index.js';
import { landingTableDdl, partsTableDdl } from './sql.js';
import { rawViewDdl } from './typed.js';

/**
 * The warehouse's load side: `landing` holds every delivered row of every source (loaded and
 * quarantined, each with its file, row, reason, key and cells) and where each part's fields are among
 * its cells; `raw.<source>` views type those rows; `ingest` holds the load log.
 */
export async function ensureWarehouseSchema(db: Db, unitErrorThresholdYuan: number): Promise<void> {
  await ensureWarehouseTables(db);
  await ensureTypedViews(db, unitErrorThresholdYuan);
}

/** The schemas and tables: everything a load writes to. */
export async function ensureWarehouseTables(db: Db): Promise<void> {
  const oldTables = await db.value<number>(
    `select count(*) from duckdb_tables() where database_name = current_database() and schema_name = 'raw'`,
  );
  if (oldTables > 0) {
    // Before landing tables existed, raw.<source> held typed rows: a layout this version cannot append to.
    throw new SentinelError(
      'old_warehouse',
      'this warehouse was written by an older version (typed raw tables); ' +
        'move it aside and ingest the archived files again',
    );
  }
  await db.exec(`
    create schema if not exists landing;
    create schema if not exists raw;
    create schema if not exists ingest;
    -- Which warehouse this is: a build file's copy of the sources is only appended to from the same one.
    create table if not exists ingest.warehouse as select uuid()::varchar as id, now() as created_at;
    create table if not exists ingest.runs (
      run_id varchar primary key,
      started_at timestamptz not null,
      finished_at timestamptz,
      status varchar not null,
      files_loaded integer,
      files_failed integer
    );
    create table if not exists ingest.files (
      file_id bigint primary key,
      source varchar not null,
      file_name varchar not null,
      file_hash varchar not null unique,
      size_bytes bigint not null,
      modified_at timestamptz,
      format varchar not null,
      encoding varchar,
      extract_date date,
      is_full_snapshot boolean not null,
      run_id varchar not null,
      loaded_at timestamptz not null,
      ingested_date date not null,
      rows_read integer not null,
      rows_loaded integer not null,
      rows_quarantined integer not null,
      rows_blank integer not null,
      seconds double
    );
    create table if not exists ingest.file_parts (
      file_id bigint not null,
      part integer not null,
      sheet varchar,
      header_row integer,
      headers varchar[] not null,
      unknown_headers varchar[] not null,
      row_offset integer not null,
      primary key (file_id, part)
    );
    create table if not exists ingest.load_log (
      run_id varchar not null,
      logged_at timestamptz not null,
      source varchar not null,
      file_name varchar not null,
      file_hash varchar,
      status varchar not null,
      file_id bigint,
      message varchar
    );
    -- Added with the header mapping (issue 17): every unknown header of the file, loaded or refused.
    alter table ingest.load_log add column if not exists unknown_headers varchar[];
  `);
  for (const contract of Object.values(CONTRACTS)) {
    await db.exec(landingTableDdl(contract));
    await db.exec(partsTableDdl(contract));
  }
}

/**
 * The `raw.<source>` typed views over the landing tables. Only builds read them, so the ingest makes them
 * on a second connection while it reads its first file (pipelines/ingest/run.ts, `openWarehouse`).
 */
export async function ensureTypedViews(db: Db, unitErrorThresholdYuan: number): Promise<void> {
  // A view's DDL is re-run only when its text changed (its hash is the view's comment): binding the 14
  // typed views cost more than anything else in opening the warehouse.
  const current = new Map(
    (
      await db.all<{ v: string; c: string | null }>(
        `select view_name as v, comment as c from duckdb_views()
         where schema_name = 'raw' and database_name = current_database()`,
      )
    ).map((r) => [r.v, r.c]),
  );
  for (const contract of Object.values(CONTRACTS)) {
    const ddl = rawViewDdl(contract, unitErrorThresholdYuan);
    const hash = createHash('sha256').update(ddl).digest('hex');
    if (current.get(contract.source) === hash) continue;
    await db.exec(ddl);
    await db.exec(`comment on view raw.${ident(contract.source)} is ${literal(hash)}`);
  }
}
