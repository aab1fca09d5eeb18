-- The counted violation events at as-of (rules.md §4): what every flag and signal reads.
with int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

final as (
  select
    event_id,
    source,
    uscc,
    domain,
    event_date,
    severity
  from int_events_judged
  where is_counted
)

select * from final
