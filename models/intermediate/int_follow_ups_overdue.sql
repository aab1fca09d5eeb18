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

final as (
  select
    'follow_up:' || report_no || '|' || uscc as record_id,
    *
  from overdue
)

select * from final
