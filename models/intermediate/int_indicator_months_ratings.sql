-- §8 indicators 9–11: public ratings at each month's day, latest per enterprise.
-- Part of indicator_trend (its header says what the trend means); a model of its own so that a
-- delivery of another source leaves it as it was.
with days as (
  select * from {{ ref('int_indicator_days') }}
),

stg_public_rating__ratings as (
  select * from {{ ref('stg_public_rating__ratings') }}
),

latest_ratings as (
  select
    days.month,
    r.uscc,
    {{ arg_max('r.rating', '(r.rating_date, r.file_id, r.row_number)') }} as rating
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
)

select * from rating_counts
