-- docs/rules.md "Credit grades": every scorecard factor an active entity has at as-of, one row per
-- (entity, factor), with how many items it counts and their record or event ids (sorted). Points are
-- given in int_grade_factors_scored; this model knows only the windows of the scorecard in force.
with int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

int_events_counted as (
  select * from {{ ref('int_events_counted') }}
),

stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
),

int_names_resolvable as (
  select * from {{ ref('int_names_resolvable') }}
),

int_utility_arrears_found as (
  select * from {{ ref('int_utility_arrears_found') }}
),

int_tax_grades_latest as (
  select * from {{ ref('int_tax_grades_latest') }}
),

stg_public_rating__ratings as (
  select * from {{ ref('stg_public_rating__ratings') }}
),

scorecard as (
  select * from {{ ref('int_grade_scorecard') }}
),

active as (
  select uscc from int_entities_registered where is_active
),

-- 经营异常名录 shares the attention_list source with 重点关注名单 (sources.md) but weighs less.
lists as (
  select
    uscc,
    case
      when list = 'serious_list' then 'serious_list'
      when cs_norm(list_type) = '经营异常名录' then 'business_anomaly'
      else 'attention_list'
    end as factor,
    record_id as evidence_id
  from int_list_entries_resolved
  where is_active and uscc is not null
),

events as (
  select
    uscc,
    case
      when source = 'court_dishonest' then 'court_dishonest'
      when source = 'commitments' then 'broken_commitment'
      when severity = '轻微' then 'penalty_minor'
      when severity = '严重' then 'penalty_serious'
      else 'penalty_general'
    end as factor,
    event_id as evidence_id
  from int_events_counted, scorecard
  where source = 'court_dishonest'
    or (source = 'penalties' and event_date > {{ var('as_of') }} - scorecard.penalty_window_days)
    or (source = 'commitments' and event_date > {{ var('as_of') }} - scorecard.commitment_window_days)
),

-- A kept commitment (全部履行) resolves to its entity as a broken one does (rules.md §1, §4).
kept_commitments as (
  select
    case when c.is_uscc_valid then c.uscc else int_names_resolvable.uscc end as uscc,
    'kept_commitment' as factor,
    c.event_id as evidence_id
  from stg_commitments__commitments as c
  cross join scorecard
  left join int_names_resolvable on int_names_resolvable.name_norm = c.subject_name_norm
  where c.fulfilment_status = '全部履行'
    and coalesce(c.subject_kind <> '自然人', true)
    and c.status_date <= {{ var('as_of') }}
    and c.status_date > {{ var('as_of') }} - scorecard.commitment_window_days
),

arrears as (
  select uscc, 'utility_arrears' as factor, unnest(evidence) as evidence_id
  from int_utility_arrears_found
),

tax_grades as (
  select uscc, 'tax_grade_' || lower(grade) as factor, record_id as evidence_id
  from int_tax_grades_latest
),

-- The national centre's latest rating by 评价日期 (rules.md §8).
ratings as (
  {{ distinct_on('uscc') }}
    uscc,
    'public_rating_' || case rating when '优' then 'excellent' when '良' then 'good' when '中' then 'medium' else 'poor' end as factor,
    record_id as evidence_id
  from stg_public_rating__ratings
  where is_uscc_valid and rating_date <= {{ var('as_of') }} and rating in ('优', '良', '中', '差')
  {{ qualify_first('uscc', 'rating_date desc, file_id desc, row_number desc') }}
),

unioned as (
  select * from lists
  union all select * from events
  union all select * from kept_commitments
  union all select * from arrears
  union all select * from tax_grades
  union all select * from ratings
),

final as (
  select
    unioned.uscc,
    unioned.factor,
    count(distinct unioned.evidence_id)::integer as items,
    list_sort(list_distinct(list(unioned.evidence_id))) as evidence
  from unioned
  join active using (uscc)
  group by unioned.uscc, unioned.factor
)

select * from final
