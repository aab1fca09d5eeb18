-- rules.md §9 follow_up_overdue: assignments of issued screening reports still without an action at
-- as-of, past their due date (the due date itself is still in time). Only what was known at as-of
-- counts: reports dated after it and actions dated after it do not exist yet. Any action dated on or
-- before as-of closes the assignment, even one taken after the due date: the department did act, and
-- the warning resolves in the next build (pipelines/report/followUp.ts judges the pages the same way).
with assignments as (
  select * from {{ source('product', 'follow_up_assignments') }}
),

actions as (
  select * from {{ source('product', 'follow_up_actions') }}
),

calendar as (
  select * from {{ source('ref', 'calendar') }}
),

acted as (
  select distinct
    report_no,
    uscc,
    department
  from actions
  where action_date <= {{ var('as_of') }}
),

overdue as (
  select
    assignments.report_no,
    assignments.report_date,
    assignments.uscc,
    assignments.name,
    assignments.department,
    assignments.role,
    assignments.measure,
    assignments.due_date,
    {{ var('as_of') }} - assignments.due_date as days_overdue
  from assignments
  left join acted
    on acted.report_no = assignments.report_no
    and acted.uscc = assignments.uscc
    and acted.department = assignments.department
  where assignments.report_date <= {{ var('as_of') }}
    and assignments.due_date < {{ var('as_of') }}
    and acted.report_no is null
),

-- Working days after the due date up to and including as-of, for the escalation to the credit office
-- (int_warnings_active); null when ref.calendar does not cover every day of that span, which is then
-- never escalated on a guess.
working_days_overdue as (
  select
    overdue.report_no,
    overdue.uscc,
    overdue.department,
    case
      when count(calendar.date) = max(overdue.days_overdue) then count(*) filter (where calendar.is_working_day)
    end as working_days_overdue
  from overdue
  left join calendar on calendar.date > overdue.due_date and calendar.date <= {{ var('as_of') }}
  group by overdue.report_no, overdue.uscc, overdue.department
),

final as (
  select
    'follow_up:' || overdue.report_no || '|' || overdue.uscc as record_id,
    overdue.*,
    working_days_overdue.working_days_overdue
  from overdue
  join working_days_overdue using (report_no, uscc, department)
)

select * from final
