-- rules.md §6: an entity's latest tax grade is the one with the greatest 评价年度 among those dated on
-- or before as-of (评价日期, else 1 April of the following year).
with stg_tax_credit__grades as (
  select * from {{ ref('stg_tax_credit__grades') }}
),

final as (
  select
    uscc,
    evaluation_year,
    grade,
    record_id
  from stg_tax_credit__grades
  where is_uscc_valid and dated_date <= {{ var('as_of') }}
  qualify row_number() over (partition by uscc order by evaluation_year desc, file_id desc, row_number desc) = 1
)

select * from final
