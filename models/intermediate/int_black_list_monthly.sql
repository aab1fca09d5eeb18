-- docs/rules.md "Red and black lists": 失信惩戒, the entities on the black list on each day of
-- int_list_months — an active serious-list entry, or persistent violator (rules.md §5 judged that day), as
-- the version in force enables each reason. `reasons` sorted; `serious_entries` the active entries' ids.
with int_list_months as (
  select * from {{ ref('int_list_months') }}
),

int_list_entries_monthly as (
  select * from {{ ref('int_list_entries_monthly') }}
),

int_persistent_monthly as (
  select * from {{ ref('int_persistent_monthly') }}
),

serious as (
  select e.month, e.uscc, 'serious_list' as reason, list_sort(list(e.record_id)) as serious_entries
  from int_list_entries_monthly as e
  join int_list_months as m using (month)
  where e.list = 'serious_list' and m.black_serious_list
  group by e.month, e.uscc
),

persistent as (
  select p.month, p.uscc, 'persistent_violator' as reason, cast({{ empty_list_untyped() }} as varchar[]) as serious_entries
  from int_persistent_monthly as p
  join int_list_months as m using (month)
  where m.black_persistent_violator
),

unioned as (
  select * from serious
  union all
  select * from persistent
),

final as (
  select
    month,
    uscc,
    list_sort(list(reason)) as reasons,
    list_sort({{ flatten_list('serious_entries') }}) as serious_entries
  from unioned
  group by month, uscc
)

select * from final
