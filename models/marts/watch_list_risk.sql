-- rules.md §6: the key-enterprise watch list (key_projects.watch_list) gets the same signals.
with int_entity_signals as (
  select * from {{ ref('int_entity_signals') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

watched as (
  select distinct cs_norm_code(unnest({{ config('key_projects.watch_list') }}::varchar[])) as uscc
),

final as (
  select
    watched.uscc,
    int_entity_names.name,
    case max(case int_entity_signals.level when 'red' then 4 when 'orange' then 3 when 'yellow' then 2 else 1 end)
      when 4 then 'red' when 3 then 'orange' when 2 then 'yellow' else 'green'
    end as risk_level,
    count(int_entity_signals.kind)::integer as signal_count,
    list_sort(list(int_entity_signals.kind || '@' || watched.uscc) filter (where int_entity_signals.kind is not null)) as signals
  from watched
  left join int_entity_signals on int_entity_signals.uscc = watched.uscc
  left join int_entity_names on int_entity_names.uscc = watched.uscc
  group by watched.uscc, int_entity_names.name
)

select * from final
