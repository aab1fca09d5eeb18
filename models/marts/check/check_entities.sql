-- Every entity a record names (rules.md §1), with the name a credit check answers for its USCC: the
-- register's, else the latest-dated delivered one. A valid USCC absent from here is named by no record.
with int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

final as (
  select
    names.uscc,
    names.name,
    cs_norm(names.name) as name_norm,
    names.is_registered,
    registered.registration_status
  from int_entity_names as names
  left join int_entities_registered as registered on registered.uscc = names.uscc
  where names.uscc is not null
  -- In USCC order: a check's look-up of a few USCCs reads a few row groups.
  order by names.uscc
)

select * from final
