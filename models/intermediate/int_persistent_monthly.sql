-- docs/rules.md "Red and black lists": rules.md §5 屡禁不止 judged on each day of int_list_months, over
-- the events counted at as-of: R = the latest screening report on or before that day listing the entity;
-- persistent when a counted event is dated after R (and on or before the day) and the entity is a repeat
-- or cross-domain violator on that day (the flags' windows and minimums of the configuration). On as-of
-- it is exactly int_persistent_flagged (tested).
with int_list_months as (
  select * from {{ ref('int_list_months') }}
),

stg_screening_reports__reports as (
  select * from {{ ref('stg_screening_reports__reports') }}
),

int_events_counted as (
  select * from {{ ref('int_events_counted') }}
),

last_report as (
  select m.month, m.judged_on, r.uscc, max(r.report_date) as report_date
  from int_list_months as m
  join stg_screening_reports__reports as r on r.report_date <= m.judged_on
  group by m.month, m.judged_on, r.uscc
),

events as (
  select l.month, l.judged_on, l.uscc, l.report_date, e.domain, e.event_date
  from last_report as l
  join int_events_counted as e
    on e.uscc = l.uscc
    and e.event_date <= l.judged_on
    and e.event_date > l.judged_on - {{ config('flags.cross_domain_window_days') }}
),

cross_domain as (
  select month, uscc
  from events
  group by month, uscc
  having count(distinct domain) >= {{ config('flags.cross_domain_min_domains') }}
),

repeat as (
  select distinct month, uscc
  from events
  where event_date > judged_on - {{ config('flags.repeat_window_days') }}
  group by month, uscc, domain
  having count(*) >= {{ config('flags.repeat_min_events') }}
),

-- Events after R may be older than the cross-domain window: count them over every event, not the window's.
after_report as (
  select l.month, l.uscc, count(*)::integer as events_after_report
  from last_report as l
  join int_events_counted as e
    on e.uscc = l.uscc and e.event_date > l.report_date and e.event_date <= l.judged_on
  group by l.month, l.uscc
),

final as (
  select
    after_report.month,
    after_report.uscc,
    last_report.report_date,
    after_report.events_after_report
  from after_report
  join last_report using (month, uscc)
  left join repeat using (month, uscc)
  left join cross_domain using (month, uscc)
  where repeat.uscc is not null or cross_domain.uscc is not null
)

select * from final
