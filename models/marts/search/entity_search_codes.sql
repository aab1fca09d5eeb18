-- The search's USCC index (issue 13 item 1): each entity's USCC as a number, its characters read as
-- digits of base 31 in the order of the GB 32100 character set, in that order. Every USCC that starts
-- with a prefix then lies in one range of numbers, and the zone maps of a HUGEINT column are exact —
-- unlike a VARCHAR's, which keep 8 bytes, and every USCC of a city shares its first 8 characters. A USCC
-- outside the character set (none, where entity_search holds valid codes) has a null key and is matched
-- by its text.
with entity_search as (
  select * from {{ ref('entity_search') }}
),

final as (
  select
    case when regexp_full_match(uscc, '[0-9ABCDEFGHJKLMNPQRTUWXY]{18}') then
      list_reduce(
        list_transform(range(1, 19), i -> (instr('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(uscc, i::integer, 1)) - 1)::hugeint),
        (a, b) -> a * 31 + b
      )
    end as uscc_key,
    uscc,
    name_order
  from entity_search
)

select * from final
order by uscc_key nulls last, uscc
