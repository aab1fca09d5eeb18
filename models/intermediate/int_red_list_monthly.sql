-- docs/rules.md "Red and black lists": 守信激励, the active entities that could be on the red list judged
-- on each day of int_list_months by the red conditions in force that day; `failed` names the conditions it
-- does not meet (empty: on the red list). Could be: a red grade in some build of the chain and a red tax
-- grade in some delivery. Any other entity fails the grade or the tax grade on every judged day, so it never
-- enters, stays or leaves; judging it too made 5.6 M rows on the city build instead of 0.2 M. The grade is the one of the latest build of this chain graded on or before that day
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

-- Several builds may share an as-of: the latest build's grade is the one published last. Each grade holds
-- until the next graded as-of; months are joined to those spans (13 months against the grades), not each
-- entity-month to the grades (an as-of join of 5.6 M rows on the city build, 4 of the view's 17 s).
graded as (
  select uscc, as_of, grade, lead(as_of) over (partition by uscc order by as_of) as next_as_of
  from (
    select uscc, as_of, grade
    from credit_grades_history
    qualify row_number() over (partition by uscc, as_of order by build_id desc) = 1
  )
),

grades as (
  select m.month, g.uscc, g.grade
  from int_list_months as m
  join graded as g on g.as_of <= m.judged_on and (g.next_as_of is null or m.judged_on < g.next_as_of)
  where g.uscc in (select uscc from candidates)
),

events as (
  select m.month, e.uscc, count(*)::integer as events
  from int_list_months as m
  join int_events_counted as e
    on e.event_date <= m.judged_on
    and e.event_date > m.judged_on - to_years(m.red_clean_years)
  where e.uscc in (select uscc from candidates)
  group by m.month, e.uscc
),

-- rules.md §6: the greatest 评价年度 among the grades dated on or before the day (ties: the latest
-- delivery's row), by one aggregate per month and entity instead of a window over every pair.
tax as (
  select
    m.month,
    t.uscc,
    arg_max(t.grade, (t.evaluation_year, t.file_id, t.row_number)) as grade,
    max(t.evaluation_year) as evaluation_year
  from int_list_months as m
  join stg_tax_credit__grades as t on t.is_uscc_valid and t.dated_date <= m.judged_on
  where t.uscc in (select uscc from candidates)
  group by m.month, t.uscc
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
    (case when grades.grade is distinct from judged.red_grade then ['grade'] else [] end)
      || (case when events.events > 0 then ['counted_event'] else [] end)
      || (case when tax.grade is distinct from judged.red_tax_grade then ['tax_grade'] else [] end)
      || (case when judged.red_no_list_entry and listed.uscc is not null then ['list_entry'] else [] end) as failed
  from judged
  left join grades using (month, uscc)
  left join events using (month, uscc)
  left join tax using (month, uscc)
  left join listed using (month, uscc)
)

select * from final
