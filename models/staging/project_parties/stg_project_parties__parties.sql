with source as (
  select * from {{ source('raw', 'project_parties') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'project_parties:' || _key as record_id,
    cs_norm(project_id) as project_key,
    party_name,
    cs_norm(party_name) as party_name_norm,
    uscc,
    coalesce(cs_uscc_valid(uscc), false) as is_uscc_valid,
    role,
    _file_id as file_id,
    _row_number as row_number
  from latest
)

select * from final
