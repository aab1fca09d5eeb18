with source as (
  select * from {{ source('raw', 'repairs') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'repairs:' || _key as repair_id,
    _file_id as file_id,
    _row_number as row_number,
    subject_name,
    cs_norm(subject_name) as subject_name_norm,
    uscc,
    coalesce(cs_uscc_valid(uscc), false) as is_uscc_valid,
    repair_type,
    related_doc_no,
    cs_norm_docno(related_doc_no) as related_doc_no_norm,
    repair_date,
    repair_authority,
    cs_norm(repair_authority) as repair_authority_norm
  from latest
)

select * from final
