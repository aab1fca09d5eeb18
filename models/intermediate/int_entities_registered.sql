-- rules.md §1: an entity's register record is the latest delivered register record carrying its USCC
-- (a renamed entity has several; the latest wins for name, status, sector, region and legal rep).
with stg_enterprises__records as (
  select * from {{ ref('stg_enterprises__records') }}
),

divisions as (
  select * from {{ source('ref', 'divisions') }}
),

latest as (
  {{ distinct_on('uscc') }} *
  from stg_enterprises__records
  where is_uscc_valid
  {{ qualify_first('uscc', 'file_id desc, row_number desc') }}
),

final as (
  select
    latest.uscc,
    latest.name,
    latest.entity_type,
    latest.registration_status,
    latest.is_active,
    latest.legal_rep,
    latest.legal_rep_id_number,
    latest.is_legal_rep_id_valid,
    latest.industry_code_norm as industry_code,
    -- sources.md: a code without its letter takes the section of its two-digit division.
    case
      when regexp_matches(latest.industry_code_norm, '^[A-Z]') then left(latest.industry_code_norm, 1)
      else divisions.section
    end as sector,
    latest.region_code,
    latest.record_id,
    latest.file_id,
    latest.row_number
  from latest
  left join divisions on divisions.division = left(latest.industry_code_norm, 2)
)

select * from final
