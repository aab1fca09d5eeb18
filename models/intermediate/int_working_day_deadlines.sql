-- rules.md §7: for each calendar date, the Nth working day after it (the day itself not counted;
-- N = publicity.timely_working_days), from China's official calendar (holidays off, 调休 on).
with calendar as (
  select * from {{ source('ref', 'calendar') }}
),

numbered as (
  select
    date,
    is_working_day,
    count(*) filter (where is_working_day) over (order by date rows between unbounded preceding and current row) as working_days_through
  from calendar
),

working_days as (
  select date, working_days_through
  from numbered
  where is_working_day
),

final as (
  select
    numbered.date,
    working_days.date as deadline_date
  from numbered
  left join working_days
    on working_days.working_days_through = numbered.working_days_through + {{ config('publicity.timely_working_days') }}
)

select * from final
