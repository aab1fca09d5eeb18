-- Serious-dishonesty and key-attention entries with their entity (rules.md §1) and whether each is
-- active at as-of: listed on or before it, not removed by it (delivered removal or absence from a full
-- snapshot), and, for the serious list, not ended by a valid repair on or before it.
with stg_serious_list__entries as (
  select * from {{ ref('stg_serious_list__entries') }}
),

stg_attention_list__entries as (
  select * from {{ ref('stg_attention_list__entries') }}
),

int_names_resolvable as (
  select * from {{ ref('int_names_resolvable') }}
),

int_repairs_linked as (
  select * from {{ ref('int_repairs_linked') }}
),

entries as (
  select 'serious_list' as list, * from stg_serious_list__entries
  {{ union_all_by_name() }}
  select 'attention_list' as list, * from stg_attention_list__entries
),

repaired as (
  select target_id, min(repair_date) as repair_date
  from int_repairs_linked
  where is_effective
  group by target_id
),

final as (
  select
    entries.list,
    entries.record_id,
    case when entries.is_uscc_valid then entries.uscc else int_names_resolvable.uscc end as uscc,
    entries.subject_name,
    entries.list_type,
    entries.listing_reason,
    entries.authority,
    entries.listed_date,
    entries.removed_date,
    repaired.repair_date,
    entries.listed_date <= {{ var('as_of') }}
      and coalesce(entries.removed_date > {{ var('as_of') }}, true)
      and repaired.target_id is null as is_active,
    entries.file_id,
    entries.row_number
  from entries
  left join int_names_resolvable on int_names_resolvable.name_norm = entries.subject_name_norm
  left join repaired on repaired.target_id = entries.record_id
)

select * from final
