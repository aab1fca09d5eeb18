-- Every penalty of a register entity decided by as-of, with its severity (rules.md §3), whether it
-- counts (§4), and its publication status at as-of: public while decision ≤ as-of < publication end,
-- unless 轻微 (never public), revoked or repaired.
with int_penalties_assessed as (
  select * from {{ ref('int_penalties_assessed') }}
),

int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

final as (
  select
    p.entity_uscc as uscc,
    p.event_id,
    p.decision_no,
    p.decision_date,
    p.authority,
    p.department,
    j.domain,
    p.categories,
    p.fine_yuan,
    p.severity,
    p.publication_end_date,
    case
      when p.severity = '轻微' then 'not_published'
      when j.not_counted_reason = 'revoked' then 'revoked'
      when j.not_counted_reason = 'repaired' then 'repaired'
      when p.publication_end_date is null or p.publication_end_date > {{ var('as_of') }} then 'public'
      else 'expired'
    end as publication_status,
    coalesce(j.is_counted, false) as is_counted,
    j.not_counted_reason,
    p.file_id,
    p.row_number
  from int_penalties_assessed as p
  left join int_events_judged as j on j.event_id = p.event_id
  where p.entity_uscc is not null
    and p.decision_date <= {{ var('as_of') }}
)

select * from final
