-- The 12 month-end days of the indicators page (rules.md §8 at each day; docs in indicator_trend.sql).
-- The page shows a year; 12 is the page's span, not a rule of its own.
with days as (
  select
    strftime(date_trunc('month', {{ var('as_of') }}) - to_months(n), '%Y-%m') as month,
    least(last_day(date_trunc('month', {{ var('as_of') }}) - to_months(n)), {{ var('as_of') }})::date as d,
    least(last_day(date_trunc('month', {{ var('as_of') }}) - to_months(n)), {{ var('as_of') }})::date - {{ config('indicator_window_days') }} as after_date
  from range(12) as r(n)
)

select * from days
