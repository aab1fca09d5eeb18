-- The active warnings of every published build in this chain: incremental, so each build starts from
-- the previous published build's history and appends its own rows (build ids sort by time).
with int_warnings_active as (
  select * from {{ ref('int_warnings_active') }}
),

final as (
  select
    {{ var('build_id') }} as build_id,
    {{ var('as_of') }} as as_of,
    *
  from int_warnings_active
)

select * from final
