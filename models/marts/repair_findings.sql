-- rules.md §3–§4: repairs that do nothing (too early, before the decision, type 其他, ambiguous or
-- missing link), each a data-quality finding.
with int_repairs_linked as (
  select * from {{ ref('int_repairs_linked') }}
),

final as (
  select
    repair_id,
    repair_type,
    related_doc_no,
    repair_date,
    repair_authority,
    target_id,
    finding
  from int_repairs_linked
  where finding is not null
)

select * from final
