-- §8 indicators 4–7: utility and tax-payment records in each month's window, by kind.
-- Part of indicator_trend (its header says what the trend means); a model of its own so that a
-- delivery of another source leaves it as it was.
with days as (
  select * from {{ ref('int_indicator_days') }}
),

stg_utilities__records as (
  select * from {{ ref('stg_utilities__records') }}
),

utilities as (
  select
    days.month,
    count(*) filter (where u.record_type = '水费') as water_records,
    count(*) filter (where u.record_type = '电费') as electricity_records,
    count(*) filter (where u.record_type = '纳税') as tax_records,
    count(*) filter (where u.record_type = '燃气费') as gas_records
  from days
  left join stg_utilities__records as u on u.period_date > days.after_date and u.period_date <= days.d
  group by days.month
)

select * from utilities
