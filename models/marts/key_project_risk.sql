-- rules.md §6: every key project (whatever its 项目状态) with the highest level among its parties'
-- signals and the distinct kind@uscc signals, sorted.
with stg_key_projects__projects as (
  select * from {{ ref('stg_key_projects__projects') }}
),

int_project_party_signals as (
  select * from {{ ref('int_project_party_signals') }}
),

signals as (
  select
    project_id,
    max(case level when 'red' then 4 when 'orange' then 3 when 'yellow' then 2 end) as level_rank,
    list_sort(list(distinct kind || '@' || uscc) filter (where kind is not null)) as signals
  from int_project_party_signals
  group by project_id
),

final as (
  select
    projects.project_id,
    projects.project_name,
    case coalesce(signals.level_rank, 1) when 4 then 'red' when 3 then 'orange' when 2 then 'yellow' else 'green' end as risk_level,
    coalesce(len(signals.signals), 0)::integer as signal_count,
    coalesce(signals.signals, {{ empty_list('varchar') }}) as signals
  from stg_key_projects__projects as projects
  left join signals on signals.project_id = projects.project_id
)

select * from final
