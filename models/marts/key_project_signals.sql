-- For pages and the API: each signal of each project with its party, role and evidence records.
with int_project_party_signals as (
  select * from {{ ref('int_project_party_signals') }}
),

final as (
  select
    project_id,
    project_name,
    uscc,
    party_name,
    role,
    kind,
    level,
    evidence
  from int_project_party_signals
  where kind is not null
)

select * from final
