-- docs/rules.md "Credit grades": how many active entities have each grade, by GB/T 4754 section and
-- region (the register's, as in the sector heatmap, rules.md §8a) — what the leader's grade heatmap reads.
-- One row per (sector, region, grade) with at least one entity.
with credit_grades as (
  select * from {{ ref('credit_grades') }}
),

int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

final as (
  select
    e.sector,
    e.region_code,
    g.grade,
    count(*)::integer as entities
  from credit_grades as g
  join int_entities_registered as e using (uscc)
  {{ group_by_all('1, 2, 3') }}
)

select * from final
