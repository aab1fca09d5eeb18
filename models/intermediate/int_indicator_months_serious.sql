-- §8 indicator 13: enterprises on the serious-dishonesty list at each month's day.
-- Part of indicator_trend (its header says what the trend means); a model of its own so that a
-- delivery of another source leaves it as it was.
with days as (
  select * from {{ ref('int_indicator_days') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

enterprises as (
  select * from {{ ref('int_enterprises_active') }}
),

serious as (
  select days.month, count(distinct l.uscc) as serious_enterprises
  from days
  left join (int_list_entries_resolved as l join enterprises using (uscc))
    on l.list = 'serious_list' and l.listed_date <= days.d
    and coalesce(l.removed_date > days.d, true)
    and coalesce(l.repair_date > days.d, true)
  group by days.month
)

select * from serious
