-- rules.md §9: this build's warnings with their status against the previous published build: new,
-- ongoing (first_seen = as-of of the first build of the unbroken run that had it) or resolved (active
-- in the previous build only; kept for one build).
with warnings_history as (
  select * from {{ ref('warnings_history') }}
),

builds as (
  select build_id, any_value(as_of) as as_of, row_number() over (order by build_id) as build_seq
  from (select build_id, as_of from warnings_history union all select {{ var('build_id') }}, {{ var('as_of') }}){{ pg_alias('all_builds') }}
  group by build_id
),

this_build as (
  select * from builds where build_id = {{ var('build_id') }}
),

previous_build as (
  select builds.*
  from builds, this_build
  where builds.build_seq = this_build.build_seq - 1
),

runs as (
  select
    warnings_history.warning_id,
    builds.build_seq,
    builds.as_of,
    builds.build_seq - row_number() over (partition by warnings_history.warning_id order by builds.build_seq) as run_id
  from warnings_history
  join builds using (build_id)
),

first_seen as (
  select
    warning_id,
    run_id,
    min(as_of) as first_seen,
    max(build_seq) as last_seq
  from runs
  group by warning_id, run_id
),

current_warnings as (
  select w.*
  from warnings_history as w
  where w.build_id = {{ var('build_id') }}
),

previous_warnings as (
  select w.*
  from warnings_history as w
  join previous_build using (build_id)
),

with_status as (
  select
    c.warning_id,
    c.kind,
    c.subject_id,
    c.subject_name,
    c.level,
    case when p.warning_id is null then 'new' else 'ongoing' end as status,
    f.first_seen,
    c.evidence
  from current_warnings as c
  left join previous_warnings as p on p.warning_id = c.warning_id
  join first_seen as f on f.warning_id = c.warning_id and f.last_seq = (select build_seq from this_build)
  union all
  select
    p.warning_id,
    p.kind,
    p.subject_id,
    p.subject_name,
    p.level,
    'resolved' as status,
    f.first_seen,
    p.evidence
  from previous_warnings as p
  join first_seen as f on f.warning_id = p.warning_id and f.last_seq = (select build_seq from previous_build)
  where p.warning_id not in (select warning_id from current_warnings)
),

final as (
  select
    warning_id,
    kind,
    subject_id,
    subject_name,
    level,
    status,
    first_seen,
    evidence
  from with_status
)

select * from final
