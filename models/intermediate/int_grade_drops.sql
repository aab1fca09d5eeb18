-- docs/rules.md "Credit grades": entities whose grade dropped to C or D since the previous published
-- build (A or B to C or D, C to D) — the grade_change warnings. A first build (or a --full-refresh one)
-- has no previous grades, and an entity graded for the first time has none: neither gives a warning.
with credit_grades as (
  select * from {{ ref('credit_grades') }}
),

credit_grades_history as (
  select * from {{ ref('credit_grades_history') }}
),

previous_build as (
  select max(build_id) as build_id
  from credit_grades_history
  where build_id < {{ var('build_id') }}
),

previous_grades as (
  select h.uscc, h.grade
  from credit_grades_history as h
  join previous_build using (build_id)
),

final as (
  select
    c.uscc,
    c.name,
    p.grade as previous_grade,
    c.grade,
    coalesce(list_sort(list_distinct({{ flatten_field('c.factors', 'f', 'evidence') }})), {{ empty_list('varchar') }}) as evidence
  from credit_grades as c
  join previous_grades as p using (uscc)
  where c.grade in ('C', 'D') and c.grade > p.grade
)

select * from final
