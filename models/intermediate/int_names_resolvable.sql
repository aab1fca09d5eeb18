-- rules.md §1: a normalised name resolves when exactly one distinct valid USCC in the register (any
-- status, any delivered record) carries it.
with stg_enterprises__records as (
  select * from {{ ref('stg_enterprises__records') }}
),

final as (
  select
    name_norm,
    any_value(uscc) as uscc
  from stg_enterprises__records
  where is_uscc_valid and name_norm is not null
  group by name_norm
  having count(distinct uscc) = 1
)

select * from final
