-- The search's substring index (issue 13 item 1): every suffix of at least two characters of each name
-- the search matches — field 0 the name (name_norm), field k its k-th former name (former_names_norm[k]) —
-- in suffix order. A name query q is a substring of a name exactly when some suffix starts with q, and
-- those suffixes lie together in this order, so the zone maps of the sorted column skip the rest: the
-- search reads the rows of its own hits instead of every name. pos and text_len rank a hit as the scan
-- does (the name itself, a name starting with q, containing it, a former name) without reading the names.
with entity_search as (
  select * from {{ ref('entity_search') }}
),

texts as (
  select
    s.name_order,
    (f.i - 1)::tinyint as field,
    s.texts[f.i] as text
  from (select name_order, list_prepend(name_norm, former_names_norm) as texts from entity_search) as s,
    unnest(range(1, len(s.texts) + 1)) as f(i)
),

final as (
  select
    substr(texts.text, p.p + 1) as suffix,
    texts.name_order,
    texts.field,
    p.p::smallint as pos,
    length(texts.text)::smallint as text_len
  from texts, unnest(range(0, length(texts.text) - 1)) as p(p)
)

select * from final
order by suffix, name_order, field, pos
