with source as (
  select * from {{ source('raw', 'objections') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'objections:' || _key as objection_id,
    _file_id as file_id,
    _row_number as row_number,
    subject_name,
    uscc,
    related_doc_no,
    cs_norm_docno(related_doc_no) as related_doc_no_norm,
    filed_date,
    handling_status,
    completed_date
  from latest
)

select * from final
