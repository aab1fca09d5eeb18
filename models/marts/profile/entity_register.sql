-- The register record of each entity for its profile page and /api/v1/entities/<uscc>, with the file
-- and row it came from (the legal representative's identity number is masked by the server by role).
with int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

final as (
  select
    r.uscc,
    r.name,
    r.entity_type,
    r.registration_status,
    r.is_active,
    r.legal_rep,
    r.legal_rep_id_number,
    r.industry_code,
    r.sector,
    r.region_code,
    r.file_id,
    r.row_number
  from int_entities_registered as r
)

select * from final
