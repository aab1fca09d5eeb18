-- rules.md §1: natural persons are never flagged; a flagged USCC must come from a non-natural-person event.
with flagged as (
  select uscc from {{ ref('repeat_violators') }}
  union
  select uscc from {{ ref('cross_domain_violators') }}
)

select flagged.uscc
from flagged
where not exists (
  select 1 from {{ ref('int_events_counted') }} as e where e.uscc = flagged.uscc
)
