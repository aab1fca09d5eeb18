-- rules.md §5 屡禁不止, exactly the columns of interfaces.md (evidence: int_persistent_flagged).
with int_persistent_flagged as (
  select * from {{ ref('int_persistent_flagged') }}
),

final as (
  select
    uscc,
    name,
    report_date,
    events_after_report
  from int_persistent_flagged
)

select * from final
