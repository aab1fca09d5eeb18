-- docs/rules.md "Red and black lists": the red list (守信激励) of the as-of month — active entities meeting
-- every red condition on as-of — with the credit score and the year of the A tax grade behind it.
with int_red_list_monthly as (
  select * from {{ ref('int_red_list_monthly') }}
),

credit_grades as (
  select * from {{ ref('credit_grades') }}
),

final as (
  select
    r.uscc,
    credit_grades.name,
    credit_grades.score,
    r.tax_year::integer as tax_year
  from int_red_list_monthly as r
  join credit_grades using (uscc)
  where r.month = strftime({{ var('as_of') }}, '%Y-%m') and len(r.failed) = 0
)

select * from final
