-- docs/rules.md "Red and black lists": 守信激励, the active entities that could be on the red list judged
-- on each day of int_list_months by the red conditions in force that day; `failed` names the conditions it
-- does not meet (empty: on the red list). Could be: a red grade in some build of the chain and a red tax
-- grade in some delivery. Any other entity fails the grade or the tax grade on every judged day, so it never
-- enters, stays or leaves; judging it too made 5.6 M rows on the city build instead of 0.2 M. The grade is
-- the one of the latest build of this chain graded on or before that day (credit_grades_history, this build
-- included): months before the first graded build have no grade.
with int_list_months as (
  select * from {{ ref('int_list_months') }}
),

int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

credit_grades_history as (
  select * from {{ ref('credit_grades_history') }}
),

int_events_counted as (
  select * from {{ ref('int_events_counted') }}
),

stg_tax_credit__grades as (
  select * from {{ ref('stg_tax_credit__grades') }}
),

int_list_entries_monthly as (
  select * from {{ ref('int_list_entries_monthly') }}
),

candidates as (
  select uscc from credit_grades_history where grade in (select red_grade from int_list_months)
  intersect
  select uscc from stg_tax_credit__grades
  where is_uscc_valid and grade in (select red_tax_grade from int_list_months)
),

judged as (
  select m.*, e.uscc
  from int_list_months as m
  cross join int_entities_registered as e
  where e.is_active and e.uscc in (select uscc from candidates)
),

-- Several builds may share an as-of: the latest build's grade is the one published last.
graded as (
  {{ distinct_on('uscc, as_of') }} uscc, as_of, grade
  from credit_grades_history
  where uscc in (select uscc from candidates)
  {{ qualify_first('uscc, as_of', 'build_id desc') }}
),

grades as (
  {{ distinct_on('judged.month, judged.uscc') }} judged.month, judged.uscc, graded.grade
  from judged
  {{ asof_join('graded', 'graded.uscc = judged.uscc', 'graded.as_of', 'judged.judged_on', 'judged.month, judged.uscc') }}
),

events as (
  select judged.month, judged.uscc, count(*)::integer as events
  from judged
  join int_events_counted as e
    on e.uscc = judged.uscc
    and e.event_date <= judged.judged_on
    and e.event_date > judged.judged_on - to_years(judged.red_clean_years)
  group by judged.month, judged.uscc
),

-- rules.md §6: the greatest 评价年度 among the grades dated on or before the day.
tax as (
  {{ distinct_on('judged.month, judged.uscc') }} judged.month, judged.uscc, t.grade, t.evaluation_year
  from judged
  join stg_tax_credit__grades as t on t.uscc = judged.uscc and t.is_uscc_valid and t.dated_date <= judged.judged_on
  {{ qualify_first_wrapped('judged.month, judged.uscc', 't.evaluation_year desc, t.file_id desc, t.row_number desc', '  ') }}
),

listed as (
  select distinct month, uscc from int_list_entries_monthly where uscc in (select uscc from candidates)
),

final as (
  select
    judged.month,
    judged.judged_on,
    judged.is_history,
    judged.uscc,
    grades.grade,
    tax.grade as tax_grade,
    tax.evaluation_year as tax_year,
    coalesce(events.events, 0) as counted_events,
    {{ list_without_nulls("
      case when grades.grade is distinct from judged.red_grade then 'grade' end,
      case when events.events > 0 then 'counted_event' end,
      case when tax.grade is distinct from judged.red_tax_grade then 'tax_grade' end,
      case when judged.red_no_list_entry and listed.uscc is not null then 'list_entry' end
    ") }} as failed
  from judged
  left join grades using (month, uscc)
  left join events using (month, uscc)
  left join tax using (month, uscc)
  left join listed using (month, uscc)
)

select * from final
