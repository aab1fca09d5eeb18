-- rules.md §2: authorities whose name matches no keyword of the domain table (domain `other`), a
-- data-quality finding of the reference table, not of the rows.
with int_authorities_mapped as (
  select * from {{ ref('int_authorities_mapped') }}
),

final as (
  select
    authority,
    authority_norm,
    sources,
    records
  from int_authorities_mapped
  where is_unknown
)

select * from final
