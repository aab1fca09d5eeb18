-- rules.md §5 多个领域多次违法: counted events in at least flags.cross_domain_min_domains distinct domains
-- within the trailing flags.cross_domain_window_days. One row per entity.
with int_events_counted as (
  select * from {{ ref('int_events_counted') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

in_window as (
  select *
  from int_events_counted
  where event_date > {{ var('as_of') }} - {{ config('flags.cross_domain_window_days') }}
    and event_date <= {{ var('as_of') }}
),

-- Which entities qualify is a plain count; the domain and ordered event lists are then built for
-- those few entities only, not for every entity with an event.
qualifying as (
  select uscc
  from in_window
  group by uscc
  having count(distinct domain) >= {{ config('flags.cross_domain_min_domains') }}
),

grouped as (
  select
    uscc,
    count(distinct domain)::integer as domain_count,
    list_sort(list(distinct domain)) as domains,
    count(*)::integer as event_count,
    min(event_date) as first_event_date,
    max(event_date) as last_event_date,
    list(event_id order by event_date, event_id) as event_ids
  from in_window
  {{ semi_join('qualifying', 'uscc') }}
  group by uscc
),

final as (
  select
    grouped.uscc,
    int_entity_names.name,
    grouped.domain_count,
    grouped.domains,
    grouped.event_count,
    grouped.first_event_date,
    grouped.last_event_date,
    grouped.event_ids
  from grouped
  left join int_entity_names on int_entity_names.uscc = grouped.uscc
)

select * from final
