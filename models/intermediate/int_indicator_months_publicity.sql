-- §8 indicators 1–2: 双公示 records decided in each month's window, timely and compliant.
-- Part of indicator_trend (its header says what the trend means); a model of its own so that a
-- delivery of another source leaves it as it was.
with days as (
  select * from {{ ref('int_indicator_days') }}
),

int_publicity_records as (
  select * from {{ ref('int_publicity_records') }}
),

publicity as (
  select
    days.month,
    count(p.decision_date) as publicity_records,
    count(*) filter (where p.is_timely) as publicity_timely,
    count(*) filter (where p.is_compliant) as publicity_compliant
  from days
  left join int_publicity_records as p on p.decision_date > days.after_date and p.decision_date <= days.d
  group by days.month
)

select * from publicity
