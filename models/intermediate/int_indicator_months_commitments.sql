-- §8 indicator 8: commitments with a fulfilment status dated in each month's window.
-- Part of indicator_trend (its header says what the trend means); a model of its own so that a
-- delivery of another source leaves it as it was.
with days as (
  select * from {{ ref('int_indicator_days') }}
),

stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
),

commitments as (
  select days.month, count(c.status_date) as commitment_records
  from days
  left join stg_commitments__commitments as c
    on c.fulfilment_status is not null and c.fulfilment_status <> '未到期'
    and c.status_date > days.after_date and c.status_date <= days.d
  group by days.month
)

select * from commitments
