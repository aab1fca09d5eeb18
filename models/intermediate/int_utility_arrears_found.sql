-- rules.md §6 utility arrears: entities whose water, electricity or gas account is at least
-- key_projects.utility_arrears_min_months in arrears at as-of. An account is the entity's records of
-- one 类型; its latest 账期 on or before the as-of month decides. A table of its own: a delivery of
-- anything but utilities leaves it as it was (it reads every utility record).
with stg_utilities__records as (
  select * from {{ ref('stg_utilities__records') }}
),

utility_accounts as (
  select
    uscc,
    record_type,
    {{ arg_max('arrears_months', 'period_date') }} as arrears_months,
    {{ arg_max('record_id', 'period_date') }} as record_id
  from stg_utilities__records
  where is_uscc_valid
    and record_type in ('水费', '电费', '燃气费')
    and period_date <= date_trunc('month', {{ var('as_of') }})
  group by uscc, record_type
),

final as (
  select uscc, list(record_id order by record_id) as evidence
  from utility_accounts
  where arrears_months >= {{ config('key_projects.utility_arrears_min_months') }}
  group by uscc
)

select * from final
