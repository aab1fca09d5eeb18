-- For documents (the screening report's evidence): every counted event behind a flag of rules.md §5,
-- with the authority that routes it to a department. One row per event.
with int_repeat_flagged as (
  select * from {{ ref('int_repeat_flagged') }}
),

int_cross_domain_flagged as (
  select * from {{ ref('int_cross_domain_flagged') }}
),

int_persistent_flagged as (
  select * from {{ ref('int_persistent_flagged') }}
),

int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

-- An event may stand behind several flags; `union` keeps it once.
flagged_event_ids as (
  select unnest(event_ids) as event_id from int_repeat_flagged
  union select unnest(event_ids) from int_cross_domain_flagged
  union select unnest(event_ids) from int_persistent_flagged
),

final as (
  select
    e.event_id,
    e.source,
    e.domain,
    e.authority,
    e.event_date,
    e.severity
  from int_events_judged as e
  join flagged_event_ids using (event_id)
)

select * from final
