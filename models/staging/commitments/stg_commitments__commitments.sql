with source as (
  select * from {{ source('raw', 'commitments') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'commitments:' || _key as event_id,
    _key as record_key,
    _file_id as file_id,
    _part as part,
    _row_number as row_number,
    subject_name,
    cs_norm(subject_name) as subject_name_norm,
    subject_kind,
    uscc,
    coalesce(cs_uscc_valid(uscc), false) as is_uscc_valid,
    commitment_type,
    commitment_date,
    authority,
    fulfilment_status,
    status_date,
    is_broken
  from latest
)

select * from final
