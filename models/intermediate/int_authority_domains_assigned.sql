-- rules.md §2: the domain of each delivered authority name, without the counts int_authorities_mapped
-- keeps for the unknown-authorities finding: a delivery that brings no new authority leaves these rows
-- as they were, so the events' judgement can merge new penalties instead of judging every event again.
with int_authorities_mapped as (
  select * from {{ ref('int_authorities_mapped') }}
),

final as (
  select authority_norm, domain
  from int_authorities_mapped
)

select * from final
