with source as (
  select * from {{ source('raw', 'tax_credit') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'tax_credit:' || _key as record_id,
    _file_id as file_id,
    _part as part,
    _row_number as row_number,
    subject_name,
    uscc,
    coalesce(cs_uscc_valid(uscc), false) as is_uscc_valid,
    evaluation_year,
    grade,
    evaluation_date,
    -- rules.md: a grade is dated by 评价日期, else 1 April of the year after 评价年度.
    coalesce(evaluation_date, make_date(evaluation_year + 1, 4, 1)) as dated_date
  from latest
)

select * from final
