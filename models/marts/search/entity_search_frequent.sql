-- The search's answers to short queries that start with a frequent gram (entity_search_grams): every
-- substring of 2 to 4 characters of the names that starts with one, with its number of matching
-- entities and the order keys of its first 100 (rank × 2^32 + name_order, the scan's order), so the
-- search of 有限 or 厦门 reads one row instead of 200,000 matches. A query of that kind absent here
-- matches nothing. 4 and 100 are FREQUENT_MAX_LENGTH and the keys' depth in dashboards/search/indexed.ts.
with entity_search_suffixes as (
  select * from {{ ref('entity_search_suffixes') }}
),

entity_search_grams as (
  select * from {{ ref('entity_search_grams') }}
),

occurrences as (
  select
    left(s.suffix, k.k) as query,
    s.name_order,
    case
      when s.field = 0 and s.pos = 0 and s.text_len = k.k then 2
      when s.field = 0 and s.pos = 0 then 3
      when s.field = 0 then 4
      else 5
    end as rank
  from entity_search_suffixes as s, range(2, 5) as k(k)
  where left(s.suffix, 2) in (select gram from entity_search_grams where frequent)
    and length(s.suffix) >= k.k
),

hits as (
  select query, name_order, min(rank) as rank
  from occurrences
  group by query, name_order
),

final as (
  select query, count(*)::integer as total, min(rank::bigint * 4294967296 + name_order, 100) as keys
  from hits
  group by query
)

select * from final
order by query
