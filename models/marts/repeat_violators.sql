-- rules.md §5 同一领域频繁违法, exactly the columns of interfaces.md (the flag itself: int_repeat_flagged).
with int_repeat_flagged as (
  select * from {{ ref('int_repeat_flagged') }}
),

final as (
  select
    uscc,
    name,
    domain,
    event_count,
    first_event_date,
    last_event_date,
    event_ids
  from int_repeat_flagged
)

select * from final
