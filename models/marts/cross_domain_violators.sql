-- rules.md §5 多个领域多次违法, exactly the columns of interfaces.md (evidence: int_cross_domain_flagged).
with int_cross_domain_flagged as (
  select * from {{ ref('int_cross_domain_flagged') }}
),

final as (
  select
    uscc,
    name,
    domain_count,
    domains,
    event_count,
    first_event_date,
    last_event_date
  from int_cross_domain_flagged
)

select * from final
