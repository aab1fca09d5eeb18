-- rules.md §8 indicators as of the last day of each of the 12 months ending with the as-of month (as-of
-- itself for that month), for the indicators page's monthly trend. Definitions are indicators.sql's with
-- its as-of replaced by the month's day `d`; the as-of month equals the indicators mart (a data test in
-- _marts.yml holds it to that). What the data says today about each month: records are judged as at the
-- build's as-of (a late correction shows in every month), and the denominators (enterprises, active
-- entities) and the current register are the as-of register, which keeps no history by date.
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

stg_tax_credit__grades as (
  select * from {{ ref('stg_tax_credit__grades') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

targets as (
  select
    t ->> 'id' as indicator_id,
    t ->> 'comparator' as comparator,
    try_cast(t ->> 'target' as double) as target
  from (select unnest(from_json({{ config('indicators') }}, '["JSON"]')) as t)
),

-- The page shows a year; 12 is the page's span, not a rule of its own.
days as (
  select
    strftime(date_trunc('month', {{ var('as_of') }}) - to_months(n), '%Y-%m') as month,
    least(last_day(date_trunc('month', {{ var('as_of') }}) - to_months(n)), {{ var('as_of') }})::date as d,
    least(last_day(date_trunc('month', {{ var('as_of') }}) - to_months(n)), {{ var('as_of') }})::date - {{ config('indicator_window_days') }} as after_date
  from range(12) as r(n)
),

enterprises as (
  select uscc from int_entities_registered where is_active and entity_type <> '个体工商户'
),

register_counts as (
  select
    (select count(*) from enterprises) as enterprises,
    (select count(*) from int_entities_registered where is_active) as active_entities,
    (select count(*) from int_register_records_current) as register_records,
    (select count(*) from int_register_records_current where is_code_error) as register_code_errors
),

publicity as (
  select
    days.month,
    count(p.decision_date) as publicity_records,
    count(*) filter (where p.is_timely) as publicity_timely,
    count(*) filter (where p.is_compliant) as publicity_compliant
  from days
  left join int_publicity_records as p on p.decision_date > days.after_date and p.decision_date <= days.d
  group by days.month
),

utilities as (
  select
    days.month,
    count(*) filter (where u.record_type = '水费') as water_records,
    count(*) filter (where u.record_type = '电费') as electricity_records,
    count(*) filter (where u.record_type = '纳税') as tax_records,
    count(*) filter (where u.record_type = '燃气费') as gas_records
  from days
  left join stg_utilities__records as u on u.period_date > days.after_date and u.period_date <= days.d
  group by days.month
),

commitments as (
  select days.month, count(c.status_date) as commitment_records
  from days
  left join stg_commitments__commitments as c
    on c.fulfilment_status is not null and c.fulfilment_status <> '未到期'
    and c.status_date > days.after_date and c.status_date <= days.d
  group by days.month
),

-- int_tax_grades_latest at each day: the greatest 评价年度 among grades dated on or before it.
tax_grades_latest as (
  select days.month, g.uscc, g.grade
  from days
  join stg_tax_credit__grades as g on g.is_uscc_valid and g.dated_date <= days.d
  qualify row_number() over (partition by days.month, g.uscc order by g.evaluation_year desc, g.file_id desc, g.row_number desc) = 1
),

a_grades as (
  select days.month, count(t.uscc) as a_grade_enterprises
  from days
  left join (tax_grades_latest as t join enterprises using (uscc)) on t.month = days.month and t.grade = 'A'
  group by days.month
),

-- int_list_entries_resolved's is_active at each day: listed, not removed and not repaired by then.
serious as (
  select days.month, count(distinct l.uscc) as serious_enterprises
  from days
  left join (int_list_entries_resolved as l join enterprises using (uscc))
    on l.list = 'serious_list' and l.listed_date <= days.d
    and coalesce(l.removed_date > days.d, true)
    and coalesce(l.repair_date > days.d, true)
  group by days.month
),

latest_ratings as (
  select
    days.month,
    r.uscc,
    arg_max(r.rating, (r.rating_date, r.file_id, r.row_number)) as rating
  from days
  join stg_public_rating__ratings as r on r.is_uscc_valid and r.rating_date <= days.d
  group by days.month, r.uscc
),

rating_counts as (
  select
    days.month,
    count(l.uscc) as rated,
    count(*) filter (where l.rating = '优') as excellent,
    count(*) filter (where l.rating in ('中', '差')) as medium_or_below,
    count(*) filter (where l.rating in ('优', '良')) as good_or_above
  from days
  left join latest_ratings as l on l.month = days.month
  group by days.month
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
