-- Every penalty of a register entity decided by as-of, with its severity (rules.md §3), whether it
-- counts (§4), and its publication status at as-of: public while decision ≤ as-of < publication end,
-- unless 轻微 (never public), revoked or repaired.
with int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

final as (
  select
    uscc,
    event_id,
    decision_no,
    event_date as decision_date,
    authority,
    department,
    domain,
    categories,
    fine_yuan,
    severity,
    publication_end_date,
    case
      when severity = '轻微' then 'not_published'
      when not_counted_reason = 'revoked' then 'revoked'
      when not_counted_reason = 'repaired' then 'repaired'
      when publication_end_date is null or publication_end_date > {{ var('as_of') }} then 'public'
      else 'expired'
    end as publication_status,
    is_counted,
    not_counted_reason,
    file_id,
    row_number
  from int_events_judged
  where source = 'penalties'
    and uscc is not null
)

select * from final
