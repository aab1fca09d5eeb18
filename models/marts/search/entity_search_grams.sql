-- How many suffixes of entity_search_suffixes start with each two characters: what reading a name
-- query's range of suffixes costs. A gram is frequent when it starts more suffixes than a fifth of the
-- entities (厦门, 有限, 公司 in a city's names): a range that long costs more than scanning every name, so
-- the short queries starting with one are answered from entity_search_frequent, the longer by the scan.
with entity_search_suffixes as (
  select * from {{ ref('entity_search_suffixes') }}
),

entity_search as (
  select * from {{ ref('entity_search') }}
),

grams as (
  select left(suffix, 2) as gram, count(*)::integer as suffixes
  from entity_search_suffixes
  group by 1
),

final as (
  select gram, suffixes, suffixes > (select count(*) from entity_search) / 5 as frequent
  from grams
)

select * from final
order by gram
