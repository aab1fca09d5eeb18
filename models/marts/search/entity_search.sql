-- 企业搜索 (issue 13 item 1): one row per entity (rules.md §1: a valid USCC with a name), with what the
-- header search matches — its USCC, its normalised name and the other names the register delivered for
-- that USCC (曾用名: a renamed entity keeps its older name as another register record) — and what a
-- result shows: status, region, and the active lists and flags behind its badges.
with int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

stg_enterprises__records as (
  select * from {{ ref('stg_enterprises__records') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

int_events_judged as (
  select * from {{ ref('int_events_judged') }}
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

register_names as (
  select
    uscc,
    name_norm,
    {{ arg_max('name', '(file_id, row_number)') }} as name,
    max(file_id) as file_id
  from stg_enterprises__records
  where is_uscc_valid and name_norm is not null
  group by uscc, name_norm
),

former_names as (
  select
    register_names.uscc,
    list(register_names.name order by register_names.file_id desc, register_names.name_norm) as names,
    list(register_names.name_norm order by register_names.file_id desc, register_names.name_norm) as names_norm
  from register_names
  join int_entity_names on int_entity_names.uscc = register_names.uscc
  where register_names.name_norm <> coalesce(cs_norm(int_entity_names.name), '')
  group by register_names.uscc
),

-- The same notion of active as rules.md §6: a list entry listed by as-of and not removed, a court case
-- still counted (listed by as-of, not removed, revoked or under objection).
active_lists as (
  select uscc, list_sort(list(distinct list)) as lists
  from (
    select uscc, list from int_list_entries_resolved where is_active and uscc is not null
    union all
    select uscc, 'court_dishonest' from int_events_judged where source = 'court_dishonest' and is_counted
  ){{ pg_alias('lists_of') }}
  group by uscc
),

flags as (
  select uscc, list_sort(list(distinct flag)) as flags
  from (
    select uscc, 'repeat_violator' as flag from repeat_violators
    union all
    select uscc, 'cross_domain_violator' from cross_domain_violators
    union all
    select uscc, 'persistent_violator' from persistent_violators
  ){{ pg_alias('flags_of') }}
  group by uscc
),

final as (
  select
    int_entity_names.uscc,
    int_entity_names.name,
    cs_norm(int_entity_names.name) as name_norm,
    coalesce(former_names.names, {{ empty_list('varchar') }}) as former_names,
    coalesce(former_names.names_norm, {{ empty_list('varchar') }}) as former_names_norm,
    -- One string a name query is a substring of: the name and every former name after norm, joined by
    -- U+001F (which no query holds), so the search tests each row once.
    cs_norm(int_entity_names.name) || coalesce(chr(31) || nullif(array_to_string(former_names.names_norm, chr(31)), ''), '')
      as search_text,
    -- The order of results within a rank, as an integer: cheaper to sort by than the names themselves.
    row_number() over (order by cs_norm(int_entity_names.name), int_entity_names.uscc)::integer as name_order,
    int_entities_registered.registration_status,
    coalesce(int_entities_registered.is_active, false) as is_active,
    int_entities_registered.region_code,
    coalesce(active_lists.lists, {{ empty_list('varchar') }}) as lists,
    coalesce(flags.flags, {{ empty_list('varchar') }}) as flags
  from int_entity_names
  left join int_entities_registered on int_entities_registered.uscc = int_entity_names.uscc
  left join former_names on former_names.uscc = int_entity_names.uscc
  left join active_lists on active_lists.uscc = int_entity_names.uscc
  left join flags on flags.uscc = int_entity_names.uscc
)

select * from final
