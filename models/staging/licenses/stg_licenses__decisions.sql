with source as (
  select * from {{ source('raw', 'licenses') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'licenses:' || _key as record_id,
    _key as record_key,
    _file_id as file_id,
    _part as part,
    _row_number as row_number,
    _findings as findings,
    subject_name,
    subject_kind,
    uscc,
    decision_no,
    decision_date,
    authority,
    department,
    report_date
  from latest
)

select * from final
