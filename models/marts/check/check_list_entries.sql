-- The list entries a credit check (逢办必查) reports: every entry of the three lists of interfaces.md
-- active at as-of, with the same notion of active as the key-project signals (rules.md §6) — a
-- serious or attention entry listed on or before as-of, not removed and not ended by a valid repair
-- (int_list_entries_resolved); a court case published on or before as-of and not removed (a counted
-- court event) — with the date it applies since, its authority and the reason delivered with it.
with int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

stg_court_dishonest__cases as (
  select * from {{ ref('stg_court_dishonest__cases') }}
),

lists as (
  select
    uscc,
    list,
    listed_date as since,
    authority,
    listing_reason as reason,
    list_type,
    record_id
  from int_list_entries_resolved
  where is_active and uscc is not null
),

court as (
  select
    events.uscc,
    'court_dishonest' as list,
    events.event_date as since,
    events.authority,
    cases.dishonest_conduct as reason,
    cast(null as varchar) as list_type,
    events.event_id as record_id
  from int_events_judged as events
  join stg_court_dishonest__cases as cases on cases.event_id = events.event_id
  where events.source = 'court_dishonest' and events.is_counted
),

final as (
  select * from lists
  union all
  select * from court
)

select * from final
