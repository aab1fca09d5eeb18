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

tax_grades_latest as (
  select days.month, g.uscc, g.grade
  from days
  join stg_tax_credit__grades as g on g.is_uscc_valid and g.dated_date <= days.d
  qualify row_number() over (partition by days.month, g.uscc order by g.evaluation_year desc, g.file_id desc, g.row_number desc) = 1
),

a_grades as (
  select days.month, count(t.uscc) as a_grade_enterprises
  from days
  left join (tax_grades_latest as t join enterprises using (uscc)) on t.month = days.month and t.grade = 'A'
  group by days.month
)

select * from a_grades
