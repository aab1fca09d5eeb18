-- rules.md §9: the warnings active at this build's as-of. warning_id = <kind>:<subject_id>.
with int_repeat_flagged as (
  select * from {{ ref('int_repeat_flagged') }}
),

int_events_counted as (
  select * from {{ ref('int_events_counted') }}
),

int_cross_domain_flagged as (
  select * from {{ ref('int_cross_domain_flagged') }}
),

int_persistent_flagged as (
  select * from {{ ref('int_persistent_flagged') }}
),

key_project_risk as (
  select * from {{ ref('key_project_risk') }}
),

int_project_party_signals as (
  select * from {{ ref('int_project_party_signals') }}
),

publicity_quality as (
  select * from {{ ref('publicity_quality') }}
),

int_publicity_records as (
  select * from {{ ref('int_publicity_records') }}
),

int_sources_staleness as (
  select * from {{ ref('int_sources_staleness') }}
),

int_follow_ups_overdue as (
  select * from {{ ref('int_follow_ups_overdue') }}
),

government_integrity as (
  select * from {{ ref('government_integrity') }}
),

targets as (
  select * from {{ ref('int_indicator_targets_configured') }}
),

int_grade_drops as (
  select * from {{ ref('int_grade_drops') }}
),

-- The last month that ended before as-of is always the calendar month before the as-of month.
last_month as (
  select strftime(date_trunc('month', {{ var('as_of') }}) - {{ interval('1 day') }}, '%Y-%m') as month
),

-- One warning per kind and subject (rules.md §9: subject_id is the USCC): an entity repeating in two
-- domains has one repeat warning whose evidence is the events of all its repeat rows.
-- Unnested and joined by equality: a list_contains join condition is a nested loop (repeat rows ×
-- counted events), 30 s at city scale.
repeat_event_ids as (
  select
    uscc,
    name,
    unnest(event_ids) as event_id
  from int_repeat_flagged
),

repeat_events as (
  select distinct
    repeat_event_ids.uscc,
    repeat_event_ids.name,
    int_events_counted.event_id,
    int_events_counted.event_date
  from repeat_event_ids
  join int_events_counted on int_events_counted.event_id = repeat_event_ids.event_id
),

repeat_warnings as (
  select
    'repeat_violator:' || uscc as warning_id,
    'repeat_violator' as kind,
    uscc as subject_id,
    any_value(name) as subject_name,
    {{ config('warnings.levels.repeat_violator') }} as level,
    list(event_id order by event_date, event_id) as evidence
  from repeat_events
  group by uscc
),

cross_domain_warnings as (
  select
    'cross_domain_violator:' || uscc,
    'cross_domain_violator',
    uscc,
    name,
    {{ config('warnings.levels.cross_domain_violator') }},
    event_ids
  from int_cross_domain_flagged
),

persistent_warnings as (
  select
    'persistent_violator:' || uscc,
    'persistent_violator',
    uscc,
    name,
    {{ config('warnings.levels.persistent_violator') }},
    event_ids
  from int_persistent_flagged
),

project_warnings as (
  select
    'key_project:' || key_project_risk.project_id,
    'key_project',
    key_project_risk.project_id,
    key_project_risk.project_name,
    key_project_risk.risk_level,
    coalesce(list_sort(list_distinct({{ flatten_list('int_project_party_signals.evidence') }})), {{ empty_list('varchar') }})
  from key_project_risk
  left join int_project_party_signals
    on int_project_party_signals.project_id = key_project_risk.project_id
    and int_project_party_signals.kind is not null
  where key_project_risk.risk_level <> 'green'
  group by key_project_risk.project_id, key_project_risk.project_name, key_project_risk.risk_level
),

department_rates as (
  select publicity_quality.*
  from publicity_quality
  join last_month using (month)
),

department_evidence as (
  select
    cs_norm(department) as department_norm,
    list(record_id order by record_id) filter (where not is_timely) as late_records,
    list(record_id order by record_id) filter (where not is_compliant) as non_compliant_records
  from department_rates
  join int_publicity_records
    on int_publicity_records.department_norm = cs_norm(department_rates.department)
    and int_publicity_records.month = department_rates.month
  {{ group_by_all('1') }}
),

department_warnings as (
  select
    'department_timeliness:' || department_rates.department,
    'department_timeliness',
    department_rates.department,
    department_rates.department,
    {{ config('warnings.levels.department_timeliness') }},
    coalesce(department_evidence.late_records, {{ empty_list('varchar') }})
  from department_rates
  join targets on targets.indicator_id = 'publicity_timeliness'
  left join department_evidence on department_evidence.department_norm = cs_norm(department_rates.department)
  where not case targets.comparator
    when '>=' then department_rates.timely_rate >= targets.target
    when '>' then department_rates.timely_rate > targets.target
    when '<' then department_rates.timely_rate < targets.target
    when '<=' then department_rates.timely_rate <= targets.target
  end
  union all
  select
    'department_compliance:' || department_rates.department,
    'department_compliance',
    department_rates.department,
    department_rates.department,
    {{ config('warnings.levels.department_compliance') }},
    coalesce(department_evidence.non_compliant_records, {{ empty_list('varchar') }})
  from department_rates
  join targets on targets.indicator_id = 'publicity_compliance'
  left join department_evidence on department_evidence.department_norm = cs_norm(department_rates.department)
  where not case targets.comparator
    when '>=' then department_rates.compliance_rate >= targets.target
    when '>' then department_rates.compliance_rate > targets.target
    when '<' then department_rates.compliance_rate < targets.target
    when '<=' then department_rates.compliance_rate <= targets.target
  end
),

-- int_sources_staleness judges each source in the configured unit (working days by default). A source
-- judged stale only because the calendar does not cover part of its span names that run in its evidence.
stale_warnings as (
  select
    'source_stale:' || source,
    'source_stale',
    source,
    source,
    {{ config('warnings.levels.source_stale') }},
    case when file_name is null then {{ empty_list('varchar') }} else {{ list_of('file_name') }} end
      || case
        when stale_by_uncovered_days then {{ list_of("'calendar_uncovered:' || uncovered_from || '..' || uncovered_to") }}
        else {{ empty_list('varchar') }}
      end
  from int_sources_staleness
  where is_stale
),

-- One per department that let an assignment pass its due date (docs/rules.md): the department must act,
-- and department users see the warnings naming their department.
follow_up_warnings as (
  select
    'follow_up_overdue:' || department,
    'follow_up_overdue',
    department,
    department,
    {{ config('warnings.levels.follow_up_overdue') }},
    list(record_id order by due_date, report_no, uscc)
  from int_follow_ups_overdue
  group by department
),

-- Escalation to the credit office (docs/rules.md): a separate kind, so the department's own
-- follow_up_overdue row stays as it was. One per department with an assignment overdue for at least
-- `warnings.follow_up_escalation_working_days` working days.
follow_up_escalations as (
  select
    'follow_up_escalated:' || department,
    'follow_up_escalated',
    department,
    department,
    {{ config('warnings.levels.follow_up_escalated') }},
    list(record_id order by due_date, report_no, uscc)
  from int_follow_ups_overdue
  where working_days_overdue >= {{ config('warnings.follow_up_escalation_working_days') }}
  group by department
),
-- docs/rules.md "Credit grades": an entity whose grade dropped to C or D since the previous published build.
grade_change_warnings as (
  select
    'grade_change:' || uscc,
    'grade_change',
    uscc,
    name,
    {{ config('warnings.levels.grade_change') }},
    evidence
  from int_grade_drops
),

-- 政务诚信 (docs/rules.md "Government integrity"): one per government body the mart lists, its evidence the
-- records behind it; a kind of its own, so no other warning row changes.
government_warnings as (
  select
    'government_integrity:' || uscc,
    'government_integrity',
    uscc,
    name,
    {{ config('warnings.levels.government_integrity') }},
    evidence
  from government_integrity
),

final as (
  select * from repeat_warnings
  union all select * from cross_domain_warnings
  union all select * from persistent_warnings
  union all select * from project_warnings
  union all select * from department_warnings
  union all select * from stale_warnings
  union all select * from follow_up_warnings
  union all select * from follow_up_escalations
  union all select * from grade_change_warnings
  union all select * from government_warnings
)

select * from final
