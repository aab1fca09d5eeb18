-- What a credit check reports of each entity, gathered once per build: its active list entries
-- (check_list_entries), its flags (exactly its rows in the three flag datasets) and its penalties
-- inside their publication period (entity_penalties, publication_status public: not 轻微, not revoked,
-- not repaired, rules.md §3). One row per entity with any of them, in USCC order, so that a check of a
-- few USCCs reads a few row groups (DuckDB prunes by each group's min and max) rather than every table.
with check_list_entries as (
  select * from {{ ref('check_list_entries') }}
),

repeat_violators as (
  select * from {{ ref('repeat_violators') }}
),

cross_domain_violators as (
  select * from {{ ref('cross_domain_violators') }}
),

persistent_violators as (
  select * from {{ ref('persistent_violators') }}
),

entity_penalties as (
  select * from {{ ref('entity_penalties') }}
),

lists as (
  select
    uscc,
    {{ struct_list("
      {'list': list, 'since': since, 'authority': authority, 'reason': reason, 'list_type': list_type}
      order by since, list, record_id
    ") }} as lists
  from check_list_entries
  group by uscc
),

flagged as (
  select uscc, 'repeat_violator' as flag from repeat_violators
  union all
  select uscc, 'cross_domain_violator' as flag from cross_domain_violators
  union all
  select uscc, 'persistent_violator' as flag from persistent_violators
),

flags as (
  select uscc, list_sort(list(distinct flag)) as flags
  from flagged
  group by uscc
),

penalties as (
  select
    uscc,
    {{ struct_list("
      {
        'event_id': event_id,
        'decision_no': decision_no,
        'decision_date': decision_date,
        'authority': authority,
        'domain': domain,
        'severity': severity,
        'categories': categories,
        'fine_yuan': fine_yuan,
        'publication_end_date': publication_end_date
      }
      order by decision_date, event_id
    ") }} as public_penalties
  from entity_penalties
  where publication_status = 'public'
  group by uscc
),

entities as (
  select uscc from lists
  union
  select uscc from flags
  union
  select uscc from penalties
),

final as (
  select
    entities.uscc,
    lists.lists,
    flags.flags,
    penalties.public_penalties
  from entities
  left join lists on lists.uscc = entities.uscc
  left join flags on flags.uscc = entities.uscc
  left join penalties on penalties.uscc = entities.uscc
  order by entities.uscc
)

select * from final
