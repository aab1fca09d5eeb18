-- docs/rules.md "Red and black lists": who entered, stayed on and left each list in each history month,
-- and why, month by month over this build's data. `reasons`: for the red list, the conditions an entering
-- entity now meets that it failed the month before, or those a leaving one fails; for the black list, the
-- reasons an entity is on it, or, when it leaves, what ended: serious_list_repaired, serious_list_removed
-- (an entry's 移出 or a full snapshot leaving it out), persistent_violator_ended.
with int_list_months as (
  select * from {{ ref('int_list_months') }}
),

int_red_list_monthly as (
  select * from {{ ref('int_red_list_monthly') }}
),

int_black_list_monthly as (
  select * from {{ ref('int_black_list_monthly') }}
),

int_list_entries_monthly as (
  select * from {{ ref('int_list_entries_monthly') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

months as (
  select month, judged_on, previous_judged_on, lag(month) over (order by month) as previous_month, is_history
  from int_list_months
),

-- Only the entity-months on the red list, or right after it, can enter, stay or leave: find those pairs
-- first (a few thousand), then read both months' conditions for them, instead of pairing every entity's
-- months (5.6 M rows on the city build) and dropping all but these.
red_pairs as (
  select m.month, m.previous_month, r.uscc
  from months as m
  join int_red_list_monthly as r on r.month in (m.month, m.previous_month) and len(r.failed) = 0
  where m.is_history
  {{ group_by_all('1, 2, 3') }}
),

red as (
  select
    p.month,
    p.uscc,
    len(r.failed) = 0 as is_on,
    len(prev.failed) = 0 as was_on,
    prev.failed as previous_failed,
    r.failed
  from red_pairs as p
  join int_red_list_monthly as r on r.uscc = p.uscc and r.month = p.month
  join int_red_list_monthly as prev on prev.uscc = p.uscc and prev.month = p.previous_month
),

red_changes as (
  select
    'red' as list,
    month,
    uscc,
    case when is_on and was_on then 'stayed' when is_on then 'entered' else 'left' end as change,
    case when is_on and was_on then cast({{ empty_list_untyped() }} as varchar[]) when is_on then previous_failed else failed end as reasons
  from red
),

black_pairs as (
  select m.month, m.previous_month, m.judged_on, m.previous_judged_on, b.uscc
  from months as m
  join int_black_list_monthly as b on b.month in (m.month, m.previous_month)
  where m.is_history
  {{ group_by_all('1, 2, 3, 4, 5') }}
),

black as (
  select
    p.*,
    now.reasons,
    prev.reasons as previous_reasons
  from black_pairs as p
  left join int_black_list_monthly as now on now.uscc = p.uscc and now.month = p.month
  left join int_black_list_monthly as prev on prev.uscc = p.uscc and prev.month = p.previous_month
),

-- Why a serious-list reason ended: a repair between the two judged days, else a removal.
serious_ended as (
  select
    b.month,
    b.uscc,
    case
      when bool_or(e.repair_date > b.previous_judged_on and e.repair_date <= b.judged_on) then 'serious_list_repaired'
      else 'serious_list_removed'
    end as why
  from black as b
  join int_list_entries_monthly as e
    on e.uscc = b.uscc and e.month = b.previous_month and e.list = 'serious_list'
  where list_contains(b.previous_reasons, 'serious_list') and not list_contains(coalesce(b.reasons, {{ empty_list_untyped() }}), 'serious_list')
  group by b.month, b.uscc
),

black_changes as (
  select
    'black' as list,
    b.month,
    b.uscc,
    case when b.reasons is not null and b.previous_reasons is not null then 'stayed'
      when b.reasons is not null then 'entered'
      else 'left' end as change,
    case when b.reasons is not null then b.reasons
      else list_sort({{ list_without_nulls("
        serious_ended.why,
        case when list_contains(b.previous_reasons, 'persistent_violator') then 'persistent_violator_ended' end
      ") }})
    end as reasons
  from black as b
  left join serious_ended using (month, uscc)
),

unioned as (
  select * from red_changes
  union all
  select * from black_changes
),

final as (
  select
    unioned.list,
    unioned.month,
    unioned.uscc,
    int_entity_names.name,
    unioned.change,
    list_sort(unioned.reasons) as reasons
  from unioned
  left join int_entity_names using (uscc)
)

select * from final
