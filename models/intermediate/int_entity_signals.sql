-- rules.md §6: every risk signal of an entity at as-of, one row per (entity, kind), with its level and
-- the records that evidence it. Key-project parties and the watch list read it.
with int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

int_repeat_flagged as (
  select * from {{ ref('int_repeat_flagged') }}
),

int_cross_domain_flagged as (
  select * from {{ ref('int_cross_domain_flagged') }}
),

int_tax_grades_latest as (
  select * from {{ ref('int_tax_grades_latest') }}
),

int_utility_arrears_found as (
  select * from {{ ref('int_utility_arrears_found') }}
),

lists as (
  select
    uscc,
    case list when 'serious_list' then 'serious_list' else 'attention_list' end as kind,
    list(record_id order by record_id) as evidence
  from int_list_entries_resolved
  where is_active and uscc is not null
  {{ group_by_all('1, 2') }}
),

court as (
  select uscc, 'court_dishonest' as kind, list(event_id order by event_id) as evidence
  from int_events_judged
  where source = 'court_dishonest' and is_counted
  group by uscc
),

severe_penalties as (
  select uscc, 'severe_penalty' as kind, list(event_id order by event_date, event_id) as evidence
  from int_events_judged
  where source = 'penalties' and is_counted and severity = '严重'
    and event_date > {{ var('as_of') }} - {{ config('key_projects.severe_penalty_window_days') }}
  group by uscc
),

counted_penalties as (
  select uscc, 'counted_penalty' as kind, list(event_id order by event_date, event_id) as evidence
  from int_events_judged
  where source = 'penalties' and is_counted
    and event_date > {{ var('as_of') }} - {{ config('key_projects.counted_penalty_window_days') }}
  group by uscc
),

broken_commitments as (
  select uscc, 'broken_commitment' as kind, list(event_id order by event_date, event_id) as evidence
  from int_events_judged
  where source = 'commitments' and is_counted
    and event_date > {{ var('as_of') }} - {{ config('key_projects.broken_commitment_window_days') }}
  group by uscc
),

repeat_flags as (
  select uscc, 'repeat_violator' as kind, {{ flatten_list('event_ids order by domain') }} as evidence
  from int_repeat_flagged
  group by uscc
),

cross_domain_flags as (
  select uscc, 'cross_domain_violator' as kind, event_ids as evidence
  from int_cross_domain_flagged
),

tax_grades as (
  select uscc, case grade when 'D' then 'tax_grade_d' else 'tax_grade_c' end as kind, {{ list_of('record_id') }} as evidence
  from int_tax_grades_latest
  where grade in ('C', 'D')
),

utility_arrears as (
  select uscc, 'utility_arrears' as kind, evidence
  from int_utility_arrears_found
),

unioned as (
  select * from lists
  union all select * from court
  union all select * from severe_penalties
  union all select * from counted_penalties
  union all select * from broken_commitments
  union all select * from repeat_flags
  union all select * from cross_domain_flags
  union all select * from tax_grades
  union all select * from utility_arrears
),

final as (
  select
    uscc,
    kind,
    case
      when kind in ('serious_list', 'court_dishonest') then 'red'
      when kind in ('severe_penalty', 'repeat_violator', 'cross_domain_violator', 'tax_grade_d') then 'orange'
      else 'yellow'
    end as level,
    evidence
  from unioned
)

select * from final
