-- The credit grades of every published build in this chain (docs/rules.md "Credit grades"): incremental,
-- so each build starts from the previous published build's history and appends its own grades (build ids
-- sort by time). grade_change warnings compare this build's grades with the previous build's.
with credit_grades as (
  select * from {{ ref('credit_grades') }}
),

final as (
  select
    {{ var('build_id') }} as build_id,
    {{ var('as_of') }} as as_of,
    uscc,
    grade
  from credit_grades
)

select * from final
