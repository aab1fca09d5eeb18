-- Every entity a record names (rules.md §1), with everything a credit check answers for its USCC: the
-- name (the register's, else the latest-dated delivered one), its active list entries, flags and public
-- penalties (check_facts) and its credit grade. A valid USCC absent from here is named by no record.
-- One row holds the whole answer so that a check of a few USCCs is one index look-up (docs/check.md).
with int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

check_facts as (
  select * from {{ ref('check_facts') }}
),

credit_grades as (
  select * from {{ ref('credit_grades') }}
),

final as (
  select
    names.uscc,
    names.name,
    cs_norm(names.name) as name_norm,
    names.is_registered,
    registered.registration_status,
    facts.lists,
    facts.flags,
    facts.public_penalties,
    grades.grade
  from int_entity_names as names
  left join int_entities_registered as registered on registered.uscc = names.uscc
  left join check_facts as facts on facts.uscc = names.uscc
  left join credit_grades as grades on grades.uscc = names.uscc
  where names.uscc is not null
  -- In USCC order: a check's look-up of a few USCCs reads a few row groups.
  order by names.uscc
)

select * from final
