-- rules.md §1: the current register's USCC duplicate/wrong-code rate (重错码率) and its parts.
with int_register_records_current as (
  select * from {{ ref('int_register_records_current') }}
),

final as (
  select
    count(*)::integer as current_records,
    count(*) filter (where not is_uscc_valid)::integer as invalid_or_missing,
    count(*) filter (where is_duplicate_code)::integer as duplicate_code_records,
    (count(*) filter (where is_code_error) / nullif(count(*), 0))::double as uscc_error_rate
  from int_register_records_current
)

select * from final
