-- rules.md §5 屡禁不止: R = the latest screening report on or before as-of listing the entity; persistent
-- when a counted event is dated after R and the entity is a repeat or cross-domain violator at as-of.
with stg_screening_reports__reports as (
  select * from {{ ref('stg_screening_reports__reports') }}
),

int_events_counted as (
  select * from {{ ref('int_events_counted') }}
),

int_repeat_flagged as (
  select * from {{ ref('int_repeat_flagged') }}
),

int_cross_domain_flagged as (
  select * from {{ ref('int_cross_domain_flagged') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

flagged as (
  select uscc from int_repeat_flagged
  union
  select uscc from int_cross_domain_flagged
),

last_report as (
  select
    uscc,
    max(report_date) as report_date
  from stg_screening_reports__reports
  where report_date <= {{ var('as_of') }}
  group by uscc
),

after_report as (
  select
    last_report.uscc,
    last_report.report_date,
    count(*)::integer as events_after_report,
    list(int_events_counted.event_id order by int_events_counted.event_date, int_events_counted.event_id) as event_ids
  from last_report
  join flagged on flagged.uscc = last_report.uscc
  join int_events_counted
    on int_events_counted.uscc = last_report.uscc
    and int_events_counted.event_date > last_report.report_date
    and int_events_counted.event_date <= {{ var('as_of') }}
  group by last_report.uscc, last_report.report_date
),

final as (
  select
    after_report.uscc,
    int_entity_names.name,
    after_report.report_date,
    after_report.events_after_report,
    after_report.event_ids
  from after_report
  left join int_entity_names on int_entity_names.uscc = after_report.uscc
)

select * from final
