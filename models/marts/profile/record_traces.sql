-- Every list entry, commitment and project party shown on the profile traced to its raw row: source,
-- file, row number and the original cells keyed by the file's headers, as event_traces does for events.
with entity_list_entries as (
  select * from {{ ref('entity_list_entries') }}
),

entity_commitments as (
  select * from {{ ref('entity_commitments') }}
),

entity_projects as (
  select * from {{ ref('entity_projects') }}
),

raw_rows as (
  select 'serious_list' as source, _file_id as file_id, _part as part, _row_number as row_number, _cells as cells from {{ source('raw', 'serious_list') }}
  union all select 'attention_list', _file_id, _part, _row_number, _cells from {{ source('raw', 'attention_list') }}
  union all select 'commitments', _file_id, _part, _row_number, _cells from {{ source('raw', 'commitments') }}
  union all select 'project_parties', _file_id, _part, _row_number, _cells from {{ source('raw', 'project_parties') }}
),

files as (
  select * from {{ source('ingest', 'files') }}
),

file_parts as (
  select * from {{ source('ingest', 'file_parts') }}
),

shown as (
  select distinct uscc, list as source, file, row_number from entity_list_entries
  union select uscc, 'commitments', file, row_number from entity_commitments
  union select uscc, 'project_parties', file, row_number from entity_projects
),

final as (
  select
    shown.uscc,
    shown.source,
    shown.file,
    shown.row_number,
    map_from_entries(list_transform(
      list_zip(file_parts.headers, raw_rows.cells[1:len(file_parts.headers)]),
      x -> {k: x[1], v: x[2]}
    )) as raw
  from shown
  join files on files.file_name = shown.file
  join raw_rows on raw_rows.source = shown.source and raw_rows.file_id = files.file_id and raw_rows.row_number = shown.row_number
  left join file_parts on file_parts.file_id = raw_rows.file_id and file_parts.part = raw_rows.part
)

select * from final
