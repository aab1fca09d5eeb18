-- docs/rules.md "Exits and repairs" (rules.md is silent on the worklist): every record due to leave
-- publication whose clock started in the trailing `exits.lookback_days`, with the department that must take
-- it down and its due date. Three kinds:
-- - publication_ended: a published penalty (not 轻微, not revoked) whose publication end (rules.md §3) is
--   on or before as-of and that no repair ended earlier; the clock starts on the publication end;
-- - repair_decided: a penalty whose valid repair (rules.md §3–§4) took effect before its publication end;
--   the clock starts on the repair decision;
-- - serious_list_repaired: a serious-list entry with a valid repair, once it has been listed for the
--   minimum period; the clock starts on the later of the two, and an entry its authority had already
--   removed before then is no item.
-- Natural persons' and unresolved records are left out: the worklist is an entity list. The due date is the
-- Nth working day after the clock starts (N by the exits version in force that day); null when ref.calendar
-- does not cover every day up to it, so a day the calendar does not know is never judged as ordinary.
with int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

int_repairs_linked as (
  select * from {{ ref('int_repairs_linked') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

calendar as (
  select * from {{ source('ref', 'calendar') }}
),

versions as (
  select
    {{ try_cast("v ->> 'from'", 'date') }} as effective_from,
    {{ try_cast("v ->> 'time_limit_working_days'", 'integer') }} as time_limit_working_days,
    coalesce(
      {{ try_cast("v -> 'serious_list_minimum' ->> 'months'", 'integer') }},
      12 * {{ try_cast("v -> 'serious_list_minimum' ->> 'years'", 'integer') }}
    ) as serious_list_minimum_months
  from (select unnest(from_json({{ config('exits.versions') }}, '["JSON"]')) as v){{ pg_alias('v_rows') }}
),

versions_ranged as (
  select *, lead(effective_from) over (order by effective_from nulls first) as effective_until
  from versions
),

repairs as (
  select target_id, repair_type, min(repair_date) as repair_date
  from int_repairs_linked
  where is_effective
  group by target_id, repair_type
),

penalties as (
  select
    e.event_id as record_id,
    e.uscc,
    coalesce(e.department, e.authority) as department,
    e.publication_end_date,
    repairs.repair_date
  from int_events_judged as e
  left join repairs on repairs.target_id = e.event_id and repairs.repair_type = '行政处罚'
  where e.source = 'penalties'
    and e.publication_end_date is not null
    and coalesce(e.not_counted_reason, '') not in ('natural_person', 'unresolved', 'revoked')
),

penalty_items as (
  select
    case when repair_date < publication_end_date then 'repair_decided' else 'publication_ended' end as kind,
    record_id,
    uscc,
    department,
    case when repair_date < publication_end_date then repair_date else publication_end_date end as trigger_date,
    cast(null as date) as removed_date
  from penalties
  where repair_date < publication_end_date or publication_end_date <= {{ var('as_of') }}
),

serious_entries as (
  select
    l.record_id,
    l.uscc,
    l.authority as department,
    l.removed_date,
    greatest(repairs.repair_date, (l.listed_date + to_months(v.serious_list_minimum_months))::date) as trigger_date
  from int_list_entries_resolved as l
  join repairs on repairs.target_id = l.record_id and repairs.repair_type = '严重失信主体名单'
  join versions_ranged as v
    on coalesce(v.effective_from <= l.listed_date, true)
    and coalesce(l.listed_date < v.effective_until, true)
  where l.list = 'serious_list' and l.uscc is not null and l.listed_date <= {{ var('as_of') }}
),

serious_items as (
  select 'serious_list_repaired' as kind, record_id, uscc, department, trigger_date, removed_date
  from serious_entries
  where trigger_date <= {{ var('as_of') }}
    and coalesce(removed_date >= trigger_date, true)
),

items as (
  select * from penalty_items
  union all
  select * from serious_items
),

in_lookback as (
  select items.*, v.time_limit_working_days
  from items
  join versions_ranged as v
    on coalesce(v.effective_from <= items.trigger_date, true)
    and coalesce(items.trigger_date < v.effective_until, true)
  where items.trigger_date > {{ var('as_of') }} - {{ config('exits.lookback_days') }}
    and items.trigger_date <= {{ var('as_of') }}
),

numbered as (
  select
    date,
    is_working_day,
    row_number() over (order by date) as day_number,
    count(*) filter (where is_working_day) over (order by date rows between unbounded preceding and current row) as working_days_through
  from calendar
),

-- The due day is a covered working day N working days on, and every day between is covered: a gap in the
-- calendar (day numbers running behind the dates) leaves the due date unknown.
with_due as (
  select
    in_lookback.*,
    case when due.day_number - start.day_number = due.date - start.date then due.date end as due_date
  from in_lookback
  left join numbered as start on start.date = in_lookback.trigger_date
  left join numbered as due
    on due.is_working_day
    and due.working_days_through = start.working_days_through + in_lookback.time_limit_working_days
),

final as (
  select
    kind || ':' || record_id as item_id,
    kind,
    record_id,
    uscc,
    department,
    trigger_date,
    time_limit_working_days,
    due_date,
    removed_date
  from with_due
)

select * from final
