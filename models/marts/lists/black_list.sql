-- docs/rules.md "Red and black lists": the black list (失信惩戒) of the as-of month — active serious-list
-- entries and persistent violators on as-of — with its reasons and the serious-list entries behind them.
with int_black_list_monthly as (
  select * from {{ ref('int_black_list_monthly') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

final as (
  select
    b.uscc,
    int_entity_names.name,
    b.reasons,
    b.serious_entries
  from int_black_list_monthly as b
  left join int_entity_names using (uscc)
  where b.month = strftime({{ var('as_of') }}, '%Y-%m')
)

select * from final
