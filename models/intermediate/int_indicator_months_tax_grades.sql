-- §8 indicator 12: enterprises whose latest tax grade at each month's day is A.
-- Part of indicator_trend (its header says what the trend means); a model of its own so that a
-- delivery of another source leaves it as it was.
with days as (
  select * from {{ ref('int_indicator_days') }}
),

stg_tax_credit__grades as (
  select * from {{ ref('stg_tax_credit__grades') }}
),

enterprises as (
  select * from {{ ref('int_enterprises_active') }}
),

-- The latest grade as int_tax_grades_latest orders them (评价年度, then delivery order), at each day;
-- an aggregate rather than a window over 12 copies of every grade: half the time.
tax_grades_latest as (
  select days.month, g.uscc, {{ arg_max('g.grade', '(g.evaluation_year, g.file_id, g.row_number)') }} as grade
  from days
  join stg_tax_credit__grades as g on g.is_uscc_valid and g.dated_date <= days.d
  group by days.month, g.uscc
),

a_grades as (
  select days.month, count(t.uscc) as a_grade_enterprises
  from days
  left join (tax_grades_latest as t join enterprises using (uscc)) on t.month = days.month and t.grade = 'A'
  group by days.month
)

select * from a_grades
