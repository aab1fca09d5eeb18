-- docs/rules.md "Red and black lists": the list entries active on each judged day of int_list_months —
-- serious-list and key-attention entries (listed on or before it, not removed or repaired by it, as
-- int_list_entries_resolved judges as-of) and court dishonest-debtor cases (published on or before it, not
-- removed by it). Natural persons' and unresolved entries are left out: the lists are entity lists.
with int_list_months as (
  select * from {{ ref('int_list_months') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

stg_court_dishonest__cases as (
  select * from {{ ref('stg_court_dishonest__cases') }}
),

int_names_resolvable as (
  select * from {{ ref('int_names_resolvable') }}
),

entries as (
  select list, record_id, uscc, listed_date, least(removed_date, repair_date) as ended_date, repair_date
  from int_list_entries_resolved
  where uscc is not null
),

court as (
  select
    'court_dishonest' as list,
    c.event_id as record_id,
    case when c.is_uscc_valid then c.uscc else int_names_resolvable.uscc end as uscc,
    c.published_date as listed_date,
    c.removed_date as ended_date,
    cast(null as date) as repair_date
  from stg_court_dishonest__cases as c
  left join int_names_resolvable on int_names_resolvable.name_norm = c.subject_name_norm
  where not coalesce(c.is_natural_person, false)
),

unioned as (
  select * from entries
  union all
  select * from court where uscc is not null
),

final as (
  select
    m.month,
    u.list,
    u.uscc,
    u.record_id,
    u.listed_date,
    u.ended_date,
    u.repair_date
  from int_list_months as m
  join unioned as u
    on u.listed_date <= m.judged_on
    and coalesce(u.ended_date > m.judged_on, true)
)

select * from final
