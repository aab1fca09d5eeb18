-- rules.md §6: every party of every key project with its entity and signals (an unresolved party
-- carries none; a party whose project was never delivered is ignored).
with stg_key_projects__projects as (
  select * from {{ ref('stg_key_projects__projects') }}
),

stg_project_parties__parties as (
  select * from {{ ref('stg_project_parties__parties') }}
),

int_names_resolvable as (
  select * from {{ ref('int_names_resolvable') }}
),

int_entity_signals as (
  select * from {{ ref('int_entity_signals') }}
),

parties as (
  select
    p.project_key,
    p.record_id as party_record_id,
    p.party_name,
    p.role,
    case when p.is_uscc_valid then p.uscc else int_names_resolvable.uscc end as uscc
  from stg_project_parties__parties as p
  left join int_names_resolvable on int_names_resolvable.name_norm = p.party_name_norm
),

final as (
  select
    projects.project_id,
    projects.project_name,
    parties.party_record_id,
    parties.party_name,
    parties.role,
    parties.uscc,
    int_entity_signals.kind,
    int_entity_signals.level,
    int_entity_signals.evidence
  from stg_key_projects__projects as projects
  join parties on parties.project_key = projects.project_key
  left join int_entity_signals on int_entity_signals.uscc = parties.uscc
)

select * from final
