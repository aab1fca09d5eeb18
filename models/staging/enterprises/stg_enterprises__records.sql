-- Register records: the latest version of each business key (USCC + normalised name). A renamed
-- entity keeps its older name as another record.
with source as (
  select * from {{ source('raw', 'enterprises') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'enterprises:' || _key as record_id,
    _key as record_key,
    _file_id as file_id,
    _part as part,
    _row_number as row_number,
    uscc,
    coalesce(cs_uscc_valid(uscc), false) as is_uscc_valid,
    name,
    cs_norm(name) as name_norm,
    entity_type,
    legal_rep,
    legal_rep_id_number,
    coalesce(cs_id_valid(legal_rep_id_number), false) as is_legal_rep_id_valid,
    industry_code_norm,
    region_code,
    registration_status,
    coalesce(registration_status in ('存续', '在业'), false) as is_active
  from latest
)

select * from final
