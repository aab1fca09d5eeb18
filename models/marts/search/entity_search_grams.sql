-- How many suffixes of entity_search_suffixes start with each two characters: what reading a name
-- query's range of suffixes costs, so the search can choose between that range and a plain scan.
with entity_search_suffixes as (
  select * from {{ ref('entity_search_suffixes') }}
),

final as (
  select left(suffix, 2) as gram, count(*)::integer as suffixes
  from entity_search_suffixes
  group by 1
)

select * from final
order by gram
