-- rules.md §3: the publication rule table, versioned by effective date, generated from the
-- configuration (publication.versions) so no period is a literal here. Periods are held in months
-- ("+ N years" is "+ 12·N months" with the same month-end clamping).
with versions as (
  select unnest(from_json({{ config('publication.versions') }}, '["JSON"]')) as v
),

months_of as (
  select
    {{ try_cast("v ->> 'from'", 'date') }} as effective_from,
    v ->> 'source' as rule_source,
    coalesce({{ try_cast("v -> 'general' -> 'min' ->> 'months'", 'integer') }}, 12 * {{ try_cast("v -> 'general' -> 'min' ->> 'years'", 'integer') }}) as general_min_months,
    coalesce({{ try_cast("v -> 'general' -> 'max' ->> 'months'", 'integer') }}, 12 * {{ try_cast("v -> 'general' -> 'max' ->> 'years'", 'integer') }}) as general_max_months,
    coalesce({{ try_cast("v -> 'serious' -> 'min' ->> 'months'", 'integer') }}, 12 * {{ try_cast("v -> 'serious' -> 'min' ->> 'years'", 'integer') }}) as serious_min_months,
    coalesce({{ try_cast("v -> 'serious' -> 'max' ->> 'months'", 'integer') }}, 12 * {{ try_cast("v -> 'serious' -> 'max' ->> 'years'", 'integer') }}) as serious_max_months
  from versions
),

final as (
  select
    *,
    lead(effective_from) over (order by effective_from nulls first) as effective_until
  from months_of
)

select * from final
