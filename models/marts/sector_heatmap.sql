-- rules.md §8a: counted events of register entities per (GB/T 4754 section, region, month) over the
-- heatmap.months months ending with the as-of month, per 100 active entities of that section and region.
with int_events_counted as (
  select * from {{ ref('int_events_counted') }}
),

int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

months as (
  select strftime(date_trunc('month', {{ var('as_of') }}) - to_months(n), '%Y-%m') as month
  from range({{ config('heatmap.months') }}) as r(n)
),

active as (
  select sector, region_code, count(*)::integer as enterprises
  from int_entities_registered
  where is_active
  group by sector, region_code
),

events as (
  select
    e.sector,
    e.region_code,
    strftime(c.event_date, '%Y-%m') as month,
    count(*)::integer as events
  from int_events_counted as c
  join int_entities_registered as e on e.uscc = c.uscc
  where c.event_date <= {{ var('as_of') }}
    and strftime(c.event_date, '%Y-%m') in (select month from months)
  {{ group_by_all('1, 2, 3') }}
),

cells as (
  select active.sector, active.region_code, months.month from active cross join months
  union
  select sector, region_code, month from events
),

final as (
  select
    cells.sector,
    cells.region_code,
    cells.month,
    coalesce(events.events, 0)::integer as events,
    coalesce(active.enterprises, 0)::integer as enterprises,
    case when coalesce(active.enterprises, 0) > 0 then coalesce(events.events, 0) * 100.0 / active.enterprises end::double as rate_per_100
  from cells
  left join events
    on events.sector is not distinct from cells.sector
    and events.region_code is not distinct from cells.region_code
    and events.month = cells.month
  left join active
    on active.sector is not distinct from cells.sector
    and active.region_code is not distinct from cells.region_code
)

select * from final
