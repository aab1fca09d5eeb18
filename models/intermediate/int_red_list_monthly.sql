-- docs/rules.md "Red and black lists": 守信激励, every active entity judged on each day of int_list_months
-- by the red conditions in force that day; `failed` names the conditions it does not meet (empty: on the
-- red list). The grade is the one of the latest build of this chain graded on or before that day
-- (credit_grades_history, this build included): months before the first graded build have no grade.
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

judged as (
  select m.*, e.uscc
  from int_list_months as m
  cross join int_entities_registered as e
  where e.is_active
),

-- Several builds may share an as-of: the latest build's grade is the one published last.
graded as (
  select uscc, as_of, grade
  from credit_grades_history
  qualify row_number() over (partition by uscc, as_of order by build_id desc) = 1
),

grades as (
  select judged.month, judged.uscc, graded.grade
  from judged
  asof join graded on graded.uscc = judged.uscc and graded.as_of <= judged.judged_on
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
  select judged.month, judged.uscc, t.grade, t.evaluation_year
  from judged
  join stg_tax_credit__grades as t on t.uscc = judged.uscc and t.is_uscc_valid and t.dated_date <= judged.judged_on
  qualify row_number() over (
    partition by judged.month, judged.uscc order by t.evaluation_year desc, t.file_id desc, t.row_number desc
  ) = 1
),

listed as (
  select distinct month, uscc from int_list_entries_monthly
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
    list_filter([
      case when grades.grade is distinct from judged.red_grade then 'grade' end,
      case when events.events > 0 then 'counted_event' end,
      case when tax.grade is distinct from judged.red_tax_grade then 'tax_grade' end,
      case when judged.red_no_list_entry and listed.uscc is not null then 'list_entry' end
    ], x -> x is not null) as failed
  from judged
  left join grades using (month, uscc)
  left join events using (month, uscc)
  left join tax using (month, uscc)
  left join listed using (month, uscc)
)

select * from final
