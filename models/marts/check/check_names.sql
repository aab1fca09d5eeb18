-- rules.md §1 for the credit check's names: every normalised name that a register record (any status,
-- any delivered record, so a former name too) gives to a valid USCC. A name held by one USCC resolves
-- to it; held by several it is ambiguous and nothing is chosen (int_names_resolvable keeps only the
-- names that resolve, for ingest; this keeps both, so the check can list the candidates).
with stg_enterprises__records as (
  select * from {{ ref('stg_enterprises__records') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

names as (
  select
    name_norm,
    uscc,
    {{ arg_max('name', '(file_id, row_number)') }} as name
  from stg_enterprises__records
  where is_uscc_valid and name_norm is not null
  group by name_norm, uscc
),

final as (
  select
    names.name_norm,
    names.uscc,
    names.name,
    coalesce(names.name_norm <> cs_norm(int_entity_names.name), false) as is_former_name
  from names
  left join int_entity_names on int_entity_names.uscc = names.uscc
  -- In name order: a check's look-up of a few names reads a few row groups.
  order by names.name_norm, names.uscc
)

select * from final
