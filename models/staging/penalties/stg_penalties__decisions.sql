with source as (
  select * from {{ source('raw', 'penalties') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'penalties:' || _key as event_id,
    _key as record_key,
    _file_id as file_id,
    _part as part,
    _row_number as row_number,
    _findings as findings,
    subject_name,
    cs_norm(subject_name) as subject_name_norm,
    subject_kind,
    uscc,
    coalesce(cs_uscc_valid(uscc), false) as is_uscc_valid,
    legal_rep,
    legal_rep_id_number,
    id_number,
    decision_no,
    cs_norm_docno(decision_no) as decision_no_norm,
    categories,
    fine_yuan,
    decision_date,
    publication_end as publication_end_delivered,
    authority,
    cs_norm(authority) as authority_norm,
    department,
    report_date,
    severity_delivered,
    coalesce(status, '正常') as status
  from latest
)

select * from final
