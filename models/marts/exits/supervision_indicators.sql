-- docs/rules.md "Supervision indicators": the loop's indicators at as-of beside rules.md §8's (kept out of
-- `indicators`, which stays the 13 of interfaces.md), each with its target from `supervision_indicators`:
-- - serious_list_exit_share (严重失信名单退出占比): resolved serious-list entries that left the list in the
--   trailing year (a delivered removal, or a valid repair, on or before as-of) / entries on the list at some
--   day of it (listed on or before as-of, not left before the year began);
-- - repairs_in_time_share: repair items of the worklist (exits) whose clock started in the trailing year and
--   whose time limit has passed or which are done / of those, the ones done by their due date; items
--   whose due date the calendar does not cover are left out;
-- - government_court_listed (双清零): government bodies with an active court dishonest-debtor case.
-- A zero denominator gives value null and met false, as in rules.md §8.
with int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

exits as (
  select * from {{ ref('exits') }}
),

government_integrity as (
  select * from {{ ref('government_integrity') }}
),

targets as (
  select
    t ->> 'id' as indicator_id,
    t ->> 'comparator' as comparator,
    {{ try_cast("t ->> 'target'", 'double') }} as target
  from (select unnest(from_json({{ config('supervision_indicators') }}, '["JSON"]')) as t){{ pg_alias('t_rows') }}
),

serious as (
  select
    case
      when least(removed_date, repair_date) <= {{ var('as_of') }} then least(removed_date, repair_date)
    end as left_date
  from int_list_entries_resolved
  where list = 'serious_list' and uscc is not null and listed_date <= {{ var('as_of') }}
),

serious_counts as (
  select
    count(*) filter (where coalesce(left_date > {{ var('as_of') }} - {{ config('indicator_window_days') }}, true)) as entries,
    count(*) filter (where left_date > {{ var('as_of') }} - {{ config('indicator_window_days') }}) as exits
  from serious
),

repair_items as (
  select *
  from exits
  where kind in ('repair_decided', 'serious_list_repaired')
    and trigger_date > {{ var('as_of') }} - {{ config('indicator_window_days') }}
    and due_date is not null
    and (completed_date is not null or due_date < {{ var('as_of') }})
),

values_by_id as (
  select 'serious_list_exit_share' as indicator_id, exits::double / nullif(entries, 0) as value from serious_counts
  union all
  select 'repairs_in_time_share', (count(*) filter (where completed_date <= due_date))::double / nullif(count(*), 0)
  from repair_items
  union all
  select 'government_court_listed', count(*)::double from government_integrity where court_case_count > 0
),

final as (
  select
    targets.indicator_id,
    values_by_id.value,
    targets.target,
    targets.comparator,
    coalesce(case targets.comparator
      when '>=' then values_by_id.value >= targets.target
      when '>' then values_by_id.value > targets.target
      when '<' then values_by_id.value < targets.target
      when '<=' then values_by_id.value <= targets.target
    end, false) as met
  from targets
  join values_by_id using (indicator_id)
)

select * from final
