-- docs/rules.md "Credit grades": each factor found with its points by the scorecard in force at as-of —
-- per item for counted factors (penalties, commitments, utility accounts), once for a list or a grade —
-- and whether it puts the entity straight to D. A factor worth 0 points that does not decide D is left
-- out, so every listed factor moved the grade.
with int_grade_factors_found as (
  select * from {{ ref('int_grade_factors_found') }}
),

scorecard as (
  select * from {{ ref('int_grade_scorecard') }}
),

pointed as (
  select
    f.uscc,
    f.factor,
    case
      when f.factor like 'tax_grade_%' then {{ map_get('scorecard.tax_grade_points', 'upper(substr(f.factor, 11))', 'integer') }}
      when f.factor like 'public_rating_%' then {{ map_get('scorecard.public_rating_points', "
        case f.factor
          when 'public_rating_excellent' then '优'
          when 'public_rating_good' then '良'
          when 'public_rating_medium' then '中'
          else '差'
        end", 'integer') }}
      when f.factor in ('serious_list', 'court_dishonest', 'attention_list', 'business_anomaly') then {{ map_get('scorecard.points', 'f.factor', 'integer') }}
      when f.factor = 'kept_commitment' then least(f.items * {{ map_get('scorecard.points', 'f.factor', 'integer') }}, scorecard.kept_commitment_max)
      else f.items * {{ map_get('scorecard.points', 'f.factor', 'integer') }}
    end::integer as points,
    list_contains(scorecard.straight_to_d, f.factor) as is_straight_to_d,
    f.items,
    f.evidence
  from int_grade_factors_found as f
  cross join scorecard
),

final as (
  select *
  from pointed
  where coalesce(points, 0) <> 0 or is_straight_to_d
)

select * from final
