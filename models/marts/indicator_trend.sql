-- rules.md §8 indicators as of the last day of each of the 12 months ending with the as-of month, for
-- the indicators page's monthly trend (definitions and caveats: int_indicators_measured).
with int_indicators_measured as (
  select * from {{ ref('int_indicators_measured') }}
),

final as (
  select indicator_id, month, value, target, comparator, met
  from int_indicators_measured
)

select * from final
