-- rules.md §4: an objection names penalties by 关联文书号 (after norm). It is open at as-of from its
-- 提出日期 while it has no 完成日期 or that date is after as-of, whatever its 处理状态 (the completion day
-- itself is closed); completed with 已撤销记录 it revokes the record from its 完成日期.
with stg_objections__objections as (
  select * from {{ ref('stg_objections__objections') }}
),

int_penalties_assessed as (
  select * from {{ ref('int_penalties_assessed') }}
),

final as (
  select
    o.objection_id,
    p.event_id,
    o.filed_date,
    o.handling_status,
    o.completed_date,
    o.filed_date <= {{ var('as_of') }}
      and coalesce(o.completed_date > {{ var('as_of') }}, true) as is_open,
    o.handling_status = '已撤销记录'
      and o.completed_date <= {{ var('as_of') }} as is_revoking
  from stg_objections__objections as o
  join int_penalties_assessed as p on p.decision_no_norm = o.related_doc_no_norm
)

select * from final
