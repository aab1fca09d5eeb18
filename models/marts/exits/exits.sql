-- docs/rules.md "Exits and repairs": the worklist at as-of (int_exit_items) with each item's status. An item
-- is done when its department marked it done (product.exit_marks, the 移出与修复 page) on a date on or before
-- as-of, or, for a serious-list entry, when its authority delivered its removal (移出日期) by then; the
-- earlier of the two is its completion date. Not done: overdue once as-of is past the due date, else
-- pending (also when the due date is unknown: the calendar does not cover it).
with int_exit_items as (
  select * from {{ ref('int_exit_items') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

marks as (
  select * from {{ source('product', 'exit_marks') }}
),

marked as (
  select item_id, min(done_date) as done_date
  from marks
  where done_date <= {{ var('as_of') }}
  group by item_id
),

judged as (
  select
    i.*,
    least(
      marked.done_date,
      case when i.removed_date <= {{ var('as_of') }} then i.removed_date end
    ) as completed_date
  from int_exit_items as i
  left join marked using (item_id)
),

final as (
  select
    judged.item_id,
    judged.kind,
    judged.department,
    judged.record_id,
    judged.uscc,
    int_entity_names.name,
    judged.trigger_date,
    judged.due_date,
    case
      when judged.completed_date is not null then 'done'
      when judged.due_date < {{ var('as_of') }} then 'overdue'
      else 'pending'
    end as status,
    judged.completed_date
  from judged
  left join int_entity_names using (uscc)
)

select * from final
