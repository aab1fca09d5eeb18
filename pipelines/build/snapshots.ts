/**
 * sources.md, "Incremental by default; full snapshots when declared": a list file whose name contains
 * 全量 or _full is a full snapshot of the authorities it contains. An entry of such an authority whose
 * last delivery precedes the snapshot is absent from it, so it is removed as of the snapshot date (the
 * YYYYMMDD starting the file name, else the ingestion date). Nothing is deleted: the runner derives one
 * row per removed key, and staging models take the earlier of this date and the delivered removal date.
 */
import { ident } from '../../lib/db.js';
import type { SnapshotDecl } from './types.js';

export function snapshotRemovalsSql(s: SnapshotDecl): string {
  const raw = `${ident(s.schema)}.${ident(s.table)}`;
  const files = `${ident(s.files.schema)}.${ident(s.files.table)}`;
  const scope = ident(s.scope);
  const key = ident(s.key);
  const f = s.files;
  const nameDate = `try_strptime(nullif(regexp_extract(base_name, '^(\\d{8})', 1), ''), '%Y%m%d')::date`;
  const nameIsFull = `(contains(base_name, '全量') or contains(lower(base_name), '_full'))`;
  return `
with files as (
  select
    ${ident(f.id)} as file_id,
    regexp_extract(${ident(f.name)}, '([^/\\\\]*)$', 1) as base_name,
    ${ident(f.loaded_date)}::date as loaded_date,
    ${f.is_full ? `${ident(f.is_full)}::boolean` : 'null::boolean'} as declared_full,
    ${f.extract_date ? `${ident(f.extract_date)}::date` : 'null::date'} as declared_extract_date
  from ${files}
),
full_snapshots as (
  select
    file_id,
    coalesce(declared_extract_date, ${nameDate}, loaded_date) as snapshot_date
  from files
  where coalesce(declared_full, ${nameIsFull})
),
snapshot_scopes as (
  select distinct delivered._file_id as file_id, delivered.${scope} as scope
  from ${raw} as delivered
  join full_snapshots on full_snapshots.file_id = delivered._file_id
  where delivered.${scope} is not null
),
last_delivery as (
  select ${key} as key, max(_file_id) as last_file_id, arg_max(${scope}, _file_id) as scope
  from ${raw}
  where ${key} is not null
  group by ${key}
),
final as (
  select
    last_delivery.key as ${key},
    min(full_snapshots.snapshot_date) as removed_date,
    arg_min(full_snapshots.file_id, full_snapshots.snapshot_date) as removed_by_file_id
  from last_delivery
  join snapshot_scopes
    on snapshot_scopes.scope = last_delivery.scope
    and snapshot_scopes.file_id > last_delivery.last_file_id
  join full_snapshots on full_snapshots.file_id = snapshot_scopes.file_id
  group by last_delivery.key
)
select * from final`;
}
