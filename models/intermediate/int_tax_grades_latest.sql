-- rules.md §6: an entity's latest tax grade is the one with the greatest 评价年度 among those dated on
-- or before as-of (评价日期, else 1 April of the following year).
with stg_tax_credit__grades as (
  select * from {{ ref('stg_tax_credit__grades') }}
),

final as (
  {{ distinct_on('uscc') }}
    uscc,
    evaluation_year,
    grade,
    record_id
  from stg_tax_credit__grades
  where is_uscc_valid and dated_date <= {{ var('as_of') }}
  {{ qualify_first('uscc', 'evaluation_year desc, file_id desc, row_number desc') }}
)

select * from final
