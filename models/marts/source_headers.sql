-- The delivered headers of every file and sheet: pages show a source row's original cells under them
-- (event_traces and the profile's records point at rows by file, part and row number).
with file_parts as (
  select * from {{ source('ingest', 'file_parts') }}
),

final as (
  select file_id, part, headers
  from file_parts
)

select * from final
