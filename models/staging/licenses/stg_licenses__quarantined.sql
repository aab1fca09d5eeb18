-- Every quarantined licence row counts on its own in §7, so no de-duplication here.
with source as (
  select * from {{ source('raw', 'licenses') }}
),

final as (
  select
    _file_id as file_id,
    _part as part,
    _row_number as row_number,
    _reason as reason,
    _key as record_key,
    authority,
    department,
    decision_date,
    report_date
  from source
  where _reason is not null
)

select * from final
