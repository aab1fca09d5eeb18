-- Serious-dishonesty and attention-list entries of each entity listed by as-of, active or not.
with int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
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
    l.file_id,
    l.row_number
  from int_list_entries_resolved as l
  where l.uscc is not null
)

select * from final
