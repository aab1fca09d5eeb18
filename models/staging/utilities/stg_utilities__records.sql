with source as (
  select * from {{ source('raw', 'utilities') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'utilities:' || _key as record_id,
    _file_id as file_id,
    _part as part,
    _row_number as row_number,
    subject_name,
    uscc,
    coalesce(cs_uscc_valid(uscc), false) as is_uscc_valid,
    record_type,
    period as period_date,
    arrears_yuan,
    arrears_months
  from latest
)

select * from final
