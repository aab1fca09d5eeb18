-- rules.md §8: every indicator as of the last day of each of the 12 months ending with the as-of month
-- (as-of itself for that month), with its target from the configuration (indicators) and whether it is
-- met; a zero denominator gives value null and met false. The indicators mart is this model's as-of
-- month and the indicator trend all of it, so both read one definition. At a month's day `d` each
-- indicator is what rules.md §8 defines at as-of, with as-of replaced by `d`. What the data says today
-- about each month: records are judged as at the build's as-of (a late correction shows in every
-- month), and the denominators (enterprises, active entities) and the current register are the as-of
-- register, which keeps no history by date.
with int_register_records_current as (
  select * from {{ ref('int_register_records_current') }}
),

int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

targets as (
  select * from {{ ref('int_indicator_targets_configured') }}
),

days as (
  select * from {{ ref('int_indicator_days') }}
),

enterprises as (
  select * from {{ ref('int_enterprises_active') }}
),

register_counts as (
  select
    (select count(*) from enterprises) as enterprises,
    (select count(*) from int_entities_registered where is_active) as active_entities,
    (select count(*) from int_register_records_current) as register_records,
    (select count(*) from int_register_records_current where is_code_error) as register_code_errors
),

publicity as (
  select * from {{ ref('int_indicator_months_publicity') }}
),

utilities as (
  select * from {{ ref('int_indicator_months_utilities') }}
),

commitments as (
  select * from {{ ref('int_indicator_months_commitments') }}
),

a_grades as (
  select * from {{ ref('int_indicator_months_tax_grades') }}
),

serious as (
  select * from {{ ref('int_indicator_months_serious') }}
),

rating_counts as (
  select * from {{ ref('int_indicator_months_ratings') }}
),

counts as (
  select *
  from days
  cross join register_counts
  join publicity using (month)
  join utilities using (month)
  join commitments using (month)
  join a_grades using (month)
  join serious using (month)
  join rating_counts using (month)
),

values_by_id as (
  select month, 'publicity_timeliness' as indicator_id, publicity_timely::double / nullif(publicity_records, 0) as value from counts
  union all select month, 'publicity_compliance', publicity_compliant::double / nullif(publicity_records, 0) from counts
  union all select month, 'uscc_error_rate', register_code_errors::double / nullif(register_records, 0) from counts
  union all select month, 'water_records_ratio', water_records::double / nullif(enterprises, 0) from counts
  union all select month, 'electricity_records_ratio', electricity_records::double / nullif(enterprises, 0) from counts
  union all select month, 'tax_records_ratio', tax_records::double / nullif(enterprises, 0) from counts
  union all select month, 'gas_records_ratio', gas_records::double / nullif(enterprises, 0) from counts
  union all select month, 'commitment_records_ratio', commitment_records::double / nullif(active_entities, 0) from counts
  union all select month, 'excellent_rating_share', excellent::double / nullif(rated, 0) from counts
  union all select month, 'medium_or_below_share', medium_or_below::double / nullif(rated, 0) from counts
  union all select month, 'good_or_above_share', good_or_above::double / nullif(rated, 0) from counts
  union all select month, 'a_grade_taxpayer_share', a_grade_enterprises::double / nullif(enterprises, 0) from counts
  union all select month, 'serious_dishonest_share', serious_enterprises::double / nullif(enterprises, 0) from counts
),

final as (
  select
    targets.indicator_id,
    values_by_id.month,
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
