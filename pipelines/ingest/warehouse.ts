import type { Db } from '../../lib/db.js';
import { CONTRACTS } from './contracts/index.js';
import { rawTableDdl } from './sql.js';

/**
 * The warehouse's load side: `raw` holds every delivered row of every source (loaded and
 * quarantined, each with its file and row), `ingest` the load log.
 */
export async function ensureWarehouseSchema(db: Db): Promise<void> {
  await db.exec(`
    create schema if not exists raw;
    create schema if not exists ingest;
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
  `);
  for (const contract of Object.values(CONTRACTS)) await db.exec(rawTableDdl(contract));
}
