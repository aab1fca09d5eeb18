-- The search's substring index (issue 13 item 1): every suffix of at least two characters of each name
-- the search matches — field 0 the name (name_norm), field k its k-th former name (former_names_norm[k]) —
-- in suffix order. A name query q is a substring of a name exactly when some suffix starts with q, and
-- those suffixes lie together in this order, so the zone maps of the sorted column skip the rest: the
-- search reads the rows of its own hits instead of every name. pos and text_len rank a hit as the scan
-- does (the name itself, a name starting with q, containing it, a former name) without reading the names.
with entity_search as (
  select * from {{ ref('entity_search') }}
),

-- Unnest in the select list rather than in lateral joins: on the city build the lateral form took
-- 25–32 s, this one 5 s, for the same rows.
fields as (
  select
    name_order,
    unnest(list_prepend(name_norm, former_names_norm)) as text,
    unnest(range(0, len(former_names_norm) + 1))::tinyint as field
  from entity_search
),

positions as (
  select name_order, field, text, unnest(range(0, length(text) - 1)) as p
  from fields
),

final as (
  select
    substr(text, p + 1) as suffix,
    name_order,
    field,
    p::smallint as pos,
    length(text)::smallint as text_len
  from positions
)

select * from final
order by suffix, name_order, field, pos
