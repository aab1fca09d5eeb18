with source as (
  select * from {{ source('raw', 'screening_reports') }}
),

latest as (
  select *
  from source
  where _reason is null
  qualify row_number() over (partition by _key order by _file_id desc, _row_number desc) = 1
),

final as (
  select
    'screening_reports:' || _key as record_id,
    report_no,
    report_date,
    uscc,
    subject_name,
    report_type,
    domain,
    _file_id as file_id,
    _row_number as row_number
  from latest
)

select * from final
