-- docs/rules.md "Red and black lists": the months the lists are judged in, each on its last day (the as-of
-- month on as-of itself: nothing after as-of exists yet), with the lists version in force that day. The
-- `lists.history_months` months ending with the as-of month are the history; the month before them is
-- judged too (is_history false), so the first history month knows who entered and who stayed.
with versions as (
  select unnest(from_json({{ config('lists.versions') }}, '["JSON"]')) as v
),

months as (
  select
    m::date as month_start,
    least(last_day(m::date), {{ var('as_of') }}) as judged_on,
    m::date > date_trunc('month', {{ var('as_of') }})::date - to_months({{ config('lists.history_months') }}) as is_history
  from (
    select {{ unnest_list() }}generate_series(
      date_trunc('month', {{ var('as_of') }}) - to_months({{ config('lists.history_months') }}),
      date_trunc('month', {{ var('as_of') }}),
      {{ interval('1 month') }}
    ){{ unnest_list_end() }} as m
  ){{ pg_alias('series') }}
),

in_force as (
  {{ distinct_on('months.month_start') }}
    months.*,
    versions.v
  from months
  cross join versions
  where coalesce({{ try_cast("versions.v ->> 'from'", 'date') }} <= months.judged_on, true)
  {{ first_per('months.month_start', '  ') }}{{ try_cast("versions.v ->> 'from'", 'date') }} desc nulls last{{ first_per_end('  ') }}
),

final as (
  select
    strftime(month_start, '%Y-%m') as month,
    judged_on,
    is_history,
    lag(judged_on) over (order by month_start) as previous_judged_on,
    v ->> 'source' as rule_source,
    v -> 'red' ->> 'grade' as red_grade,
    (v -> 'red' ->> 'clean_years')::integer as red_clean_years,
    v -> 'red' ->> 'tax_grade' as red_tax_grade,
    (v -> 'red' ->> 'no_list_entry')::boolean as red_no_list_entry,
    (v -> 'black' ->> 'serious_list')::boolean as black_serious_list,
    (v -> 'black' ->> 'persistent_violator')::boolean as black_persistent_violator
  from in_force
)

select * from final
