-- rules.md §1: a normalised name resolves when exactly one distinct valid USCC in the register (any
-- status, any delivered record) carries it. After the register, a reviewer's confirmed judgement
-- (名称匹配复核, product.name_judgements) resolves a name that no register record carries at all: it
-- never overrides the register — a name the register gives to one USCC resolves to it, one it gives to
-- several stays ambiguous — and records carrying a valid USCC never reach this table (docs/check.md).
with stg_enterprises__records as (
  select * from {{ ref('stg_enterprises__records') }}
),

name_judgements as (
  select * from {{ source('product', 'name_judgements') }}
),

register_names as (
  select
    name_norm,
    any_value(uscc) as uscc,
    count(distinct uscc) as usccs
  from stg_enterprises__records
  where is_uscc_valid and name_norm is not null
  group by name_norm
),

by_register as (
  select name_norm, uscc, 'register' as resolved_by
  from register_names
  where usccs = 1
),

by_review as (
  {{ distinct_on('name_norm') }} name_norm, uscc, 'review' as resolved_by
  from name_judgements
  where name_norm is not null
    and cs_uscc_valid(uscc)
    and not exists (select 1 from register_names where register_names.name_norm = name_judgements.name_norm)
  -- The store keeps one confirmed judgement per name; should a hand-edited file hold two, the latest decides.
  {{ qualify_first('name_norm', 'decided_at desc, judgement_id desc') }}
),

final as (
  select * from by_register
  union all
  select * from by_review
)

select * from final
