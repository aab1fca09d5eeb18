-- docs/rules.md "Credit grades": the 双随机 list a department loads into its inspection system — each
-- entity in its scope (int_grade_departments) with its grade, score, the inspection ratio of that grade
-- (grades.versions[].inspection_ratio) and the factors behind the grade.
with credit_grades as (
  select * from {{ ref('credit_grades') }}
),

int_grade_departments as (
  select * from {{ ref('int_grade_departments') }}
),

scorecard as (
  select * from {{ ref('int_grade_scorecard') }}
),

final as (
  select
    d.department,
    g.uscc,
    g.name,
    g.grade,
    g.score,
    {{ map_get('scorecard.inspection_ratio', 'g.grade', 'double precision') }}::double as inspection_ratio,
    g.factors
  from int_grade_departments as d
  join credit_grades as g using (uscc)
  cross join scorecard
)

select * from final
