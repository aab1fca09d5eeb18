-- docs/rules.md "Credit grades": the departments an entity is in the scope of for 双随机 inspection —
-- those whose 双公示 records (penalties and licences, decided on or before as-of) name it; the department
-- of a record is its 数据来源单位, else its authority (rules.md §7). One row per (department, entity).
with int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

stg_licenses__decisions as (
  select * from {{ ref('stg_licenses__decisions') }}
),

records as (
  select uscc, coalesce(department, authority) as department
  from int_events_judged
  where source = 'penalties' and uscc is not null and not is_natural_person
  union all
  select uscc, coalesce(department, authority)
  from stg_licenses__decisions
  where coalesce(cs_uscc_valid(uscc), false)
    and coalesce(subject_kind <> '自然人', true)
    and decision_date <= {{ var('as_of') }}
),

final as (
  select distinct department, uscc
  from records
  where department is not null
)

select * from final
