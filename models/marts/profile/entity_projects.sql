-- The key projects each entity takes part in, its role, and the project's risk level (rules.md §6).
with stg_project_parties__parties as (
  select * from {{ ref('stg_project_parties__parties') }}
),

stg_key_projects__projects as (
  select * from {{ ref('stg_key_projects__projects') }}
),

key_project_risk as (
  select * from {{ ref('key_project_risk') }}
),

final as (
  select
    parties.uscc,
    projects.project_id,
    projects.project_name,
    projects.project_type,
    projects.project_status,
    parties.party_name,
    parties.role,
    risk.risk_level,
    parties.file_id,
    parties.row_number
  from stg_project_parties__parties as parties
  join stg_key_projects__projects as projects on projects.project_key = parties.project_key
  left join key_project_risk as risk on risk.project_id = projects.project_id
  where parties.is_uscc_valid
)

select * from final
