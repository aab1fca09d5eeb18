-- rules.md §8's enterprises: active registered entities that are not 个体工商户 — the denominator of
-- the per-enterprise indicators, defined once for the indicators mart and its monthly trend.
with int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

final as (
  select uscc
  from int_entities_registered
  where is_active and entity_type <> '个体工商户'
)

select * from final
