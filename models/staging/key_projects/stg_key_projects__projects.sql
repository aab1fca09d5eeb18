with source as (
  select * from {{ source('raw', 'key_projects') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    _key as project_key,
    project_id,
    project_name,
    project_type,
    project_status,
    responsible_department,
    _file_id as file_id,
    _row_number as row_number
  from latest
)

select * from final
