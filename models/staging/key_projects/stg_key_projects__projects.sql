with source as (
  select * from {{ source('raw', 'key_projects') }}
),

latest as (
  select *
  from source
  where _reason is null
  qualify row_number() over (partition by _key order by _file_id desc, _row_number desc) = 1
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
