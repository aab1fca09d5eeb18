-- Serious-dishonesty and attention-list entries of each entity listed by as-of, active or not.
with int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

files as (
  select * from {{ source('ingest', 'files') }}
),

final as (
  select
    l.uscc,
    l.record_id,
    l.list,
    l.list_type,
    l.authority,
    l.listed_date,
    l.removed_date,
    l.repair_date,
    l.is_active,
    files.file_id,
    files.file_name as file,
    l.row_number
  from int_list_entries_resolved as l
  left join files on files.file_id = l.file_id
  where l.uscc is not null
)

select * from final
