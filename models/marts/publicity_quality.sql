-- rules.md §7 per department and month, ranked within each month by compliance_rate, then
-- timely_rate, then records (each higher first; ties share a rank and the next rank skips).
with int_publicity_records as (
  select * from {{ ref('int_publicity_records') }}
),

by_department as (
  select
    min(department_name) as department,
    month,
    count(*)::integer as records,
    count(*) filter (where is_timely)::integer as timely,
    count(*) filter (where is_compliant)::integer as compliant
  from int_publicity_records
  group by department_norm, month
),

rates as (
  select
    *,
    timely / records as timely_rate,
    compliant / records as compliance_rate
  from by_department
),

final as (
  select
    department,
    month,
    records,
    timely,
    timely_rate::double as timely_rate,
    compliant,
    compliance_rate::double as compliance_rate,
    (rank() over (partition by month order by compliance_rate desc, timely_rate desc, records desc))::integer as rank
  from rates
)

select * from final
