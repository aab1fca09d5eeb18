-- rules.md §8's targets as the configuration sets them (indicators: id, comparator, target), for the
-- indicators and for the departments' publicity warnings (§9), which hold each department to the
-- city's timeliness and compliance targets.
with targets as (
  select
    t ->> 'id' as indicator_id,
    t ->> 'comparator' as comparator,
    {{ try_cast("t ->> 'target'", 'double') }} as target
  from (select unnest(from_json({{ config('indicators') }}, '["JSON"]')) as t){{ pg_alias('t_rows') }}
)

select * from targets
