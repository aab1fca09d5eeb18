-- rules.md §8: the 13 city credit-monitoring indicators at as-of, each with its target and comparator
-- from the configuration (indicators) and whether it is met. A zero denominator gives value null and
-- met false. The as-of month of int_indicators_measured, whose day is the as-of itself.
with int_indicators_measured as (
  select * from {{ ref('int_indicators_measured') }}
),

final as (
  select indicator_id, value, target, comparator, met
  from int_indicators_measured
  where month = strftime({{ var('as_of') }}, '%Y-%m')
)

select * from final
