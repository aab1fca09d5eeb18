-- rules.md §8: the 13 city credit-monitoring indicators at as-of, each with its target and comparator
-- from the configuration (indicators) and whether it is met. A zero denominator gives value null and
-- met false.
with int_publicity_records as (
  select * from {{ ref('int_publicity_records') }}
),

int_register_records_current as (
  select * from {{ ref('int_register_records_current') }}
),

int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

stg_utilities__records as (
  select * from {{ ref('stg_utilities__records') }}
),

stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
),

stg_public_rating__ratings as (
  select * from {{ ref('stg_public_rating__ratings') }}
),

int_tax_grades_latest as (
  select * from {{ ref('int_tax_grades_latest') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

targets as (
  select
    t ->> 'id' as indicator_id,
    t ->> 'comparator' as comparator,
    try_cast(t ->> 'target' as double) as target,
    ordinality as position
  from (select unnest(from_json({{ config('indicators') }}, '["JSON"]')) as t, generate_subscripts(from_json({{ config('indicators') }}, '["JSON"]'), 1) as ordinality)
),

window_start as (
  select {{ var('as_of') }} - {{ config('indicator_window_days') }} as after_date
),

enterprises as (
  select * from {{ ref('int_enterprises_active') }}
),

counts as (
  select
    (select count(*) from enterprises) as enterprises,
    (select count(*) from int_entities_registered where is_active) as active_entities,
    (select count(*) from int_publicity_records, window_start where decision_date > after_date and decision_date <= {{ var('as_of') }}) as publicity_records,
    (select count(*) from int_publicity_records, window_start where decision_date > after_date and decision_date <= {{ var('as_of') }} and is_timely) as publicity_timely,
    (select count(*) from int_publicity_records, window_start where decision_date > after_date and decision_date <= {{ var('as_of') }} and is_compliant) as publicity_compliant,
    (select count(*) from int_register_records_current) as register_records,
    (select count(*) from int_register_records_current where is_code_error) as register_code_errors,
    (select count(*) filter (where record_type = '水费') from stg_utilities__records, window_start where period_date > after_date and period_date <= {{ var('as_of') }}) as water_records,
    (select count(*) filter (where record_type = '电费') from stg_utilities__records, window_start where period_date > after_date and period_date <= {{ var('as_of') }}) as electricity_records,
    (select count(*) filter (where record_type = '纳税') from stg_utilities__records, window_start where period_date > after_date and period_date <= {{ var('as_of') }}) as tax_records,
    (select count(*) filter (where record_type = '燃气费') from stg_utilities__records, window_start where period_date > after_date and period_date <= {{ var('as_of') }}) as gas_records,
    (select count(*) from stg_commitments__commitments, window_start
      where fulfilment_status is not null and fulfilment_status <> '未到期' and status_date > after_date and status_date <= {{ var('as_of') }}) as commitment_records,
    (select count(*) from enterprises join int_tax_grades_latest using (uscc) where grade = 'A') as a_grade_enterprises,
    (select count(distinct enterprises.uscc) from enterprises join int_list_entries_resolved using (uscc) where list = 'serious_list' and is_active) as serious_enterprises
),

latest_ratings as (
  select
    uscc,
    arg_max(rating, (rating_date, file_id, row_number)) as rating
  from stg_public_rating__ratings
  where is_uscc_valid and rating_date <= {{ var('as_of') }}
  group by uscc
),

rating_counts as (
  select
    count(*) as rated,
    count(*) filter (where rating = '优') as excellent,
    count(*) filter (where rating in ('中', '差')) as medium_or_below,
    count(*) filter (where rating in ('优', '良')) as good_or_above
  from latest_ratings
),

values_by_id as (
  select 'publicity_timeliness' as indicator_id, publicity_timely::double / nullif(publicity_records, 0) as value from counts
  union all select 'publicity_compliance', publicity_compliant::double / nullif(publicity_records, 0) from counts
  union all select 'uscc_error_rate', register_code_errors::double / nullif(register_records, 0) from counts
  union all select 'water_records_ratio', water_records::double / nullif(enterprises, 0) from counts
  union all select 'electricity_records_ratio', electricity_records::double / nullif(enterprises, 0) from counts
  union all select 'tax_records_ratio', tax_records::double / nullif(enterprises, 0) from counts
  union all select 'gas_records_ratio', gas_records::double / nullif(enterprises, 0) from counts
  union all select 'commitment_records_ratio', commitment_records::double / nullif(active_entities, 0) from counts
  union all select 'excellent_rating_share', excellent::double / nullif(rated, 0) from rating_counts
  union all select 'medium_or_below_share', medium_or_below::double / nullif(rated, 0) from rating_counts
  union all select 'good_or_above_share', good_or_above::double / nullif(rated, 0) from rating_counts
  union all select 'a_grade_taxpayer_share', a_grade_enterprises::double / nullif(enterprises, 0) from counts
  union all select 'serious_dishonest_share', serious_enterprises::double / nullif(enterprises, 0) from counts
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
