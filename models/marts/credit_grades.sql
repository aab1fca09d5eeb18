-- docs/rules.md "Credit grades" (公共信用评价, for 分级分类监管): every active entity's grade at as-of.
-- score = base_score + the points of its factors (not clamped, so the factors add up to it); the
-- cut-offs give A/B/C/D, and a straight-to-D factor (by default an active serious-list entry or court
-- case) gives D whatever the score. `factors` says why: each factor with its points and evidence ids.
with int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

int_grade_factors_scored as (
  select * from {{ ref('int_grade_factors_scored') }}
),

scorecard as (
  select * from {{ ref('int_grade_scorecard') }}
),

factors as (
  select
    uscc,
    sum(points)::integer as points,
    bool_or(is_straight_to_d) as is_straight_to_d,
    {{ struct_list("{'factor': factor, 'points': points, 'evidence': evidence} order by factor") }} as factors
  from int_grade_factors_scored
  group by uscc
),

scored as (
  select
    e.uscc,
    e.name,
    (scorecard.base_score + coalesce(factors.points, 0))::integer as score,
    coalesce(factors.is_straight_to_d, false) as is_straight_to_d,
    coalesce(factors.factors, {{ empty_struct_list() }}) as factors,
    scorecard.cutoff_a,
    scorecard.cutoff_b,
    scorecard.cutoff_c
  from int_entities_registered as e
  cross join scorecard
  left join factors using (uscc)
  where e.is_active
),

final as (
  select
    uscc,
    name,
    case
      when is_straight_to_d then 'D'
      when score >= cutoff_a then 'A'
      when score >= cutoff_b then 'B'
      when score >= cutoff_c then 'C'
      else 'D'
    end as grade,
    score,
    factors{{ struct_list_cast('factor varchar, points integer, evidence varchar[]') }} as factors
  from scored
)

select * from final
