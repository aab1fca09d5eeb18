-- docs/rules.md "Credit grades": the scorecard version in force at as-of (the latest `from` on or before
-- it; `from: null` covers every earlier date), generated from the configuration (grades.versions) so no
-- weight or cut-off is a literal here. One row.
with versions as (
  select unnest(from_json({{ config('grades.versions') }}, '["JSON"]')) as v
),

in_force as (
  select v
  from versions
  where coalesce({{ try_cast("v ->> 'from'", 'date') }} <= {{ var('as_of') }}, true)
  {{ first_by() }} {{ try_cast("v ->> 'from'", 'date') }} desc nulls last{{ first_by_end() }}
),

final as (
  select
    {{ try_cast("v ->> 'from'", 'date') }} as effective_from,
    v ->> 'source' as rule_source,
    (v ->> 'base_score')::integer as base_score,
    (v -> 'cutoffs' ->> 'A')::integer as cutoff_a,
    (v -> 'cutoffs' ->> 'B')::integer as cutoff_b,
    (v -> 'cutoffs' ->> 'C')::integer as cutoff_c,
    {{ from_json_list("v -> 'straight_to_d'", 'VARCHAR') }} as straight_to_d,
    (v ->> 'penalty_window_days')::integer as penalty_window_days,
    (v ->> 'commitment_window_days')::integer as commitment_window_days,
    (v ->> 'kept_commitment_max')::integer as kept_commitment_max,
    {{ from_json_map("v -> 'points'", 'INTEGER') }} as points,
    {{ from_json_map("v -> 'tax_grade'", 'INTEGER') }} as tax_grade_points,
    {{ from_json_map("v -> 'public_rating'", 'INTEGER') }} as public_rating_points,
    {{ from_json_map("v -> 'inspection_ratio'", 'DOUBLE') }} as inspection_ratio
  from in_force
)

select * from final
