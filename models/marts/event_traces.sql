-- Every violation event known at as-of traced to the raw row it came from: source, file, row number
-- and the original cells keyed by the file's headers (for the profile page and reports).
with int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

stg_penalties__decisions as (
  select * from {{ ref('stg_penalties__decisions') }}
),

stg_court_dishonest__cases as (
  select * from {{ ref('stg_court_dishonest__cases') }}
),

stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
),

files as (
  select * from {{ source('ingest', 'files') }}
),

file_parts as (
  select * from {{ source('ingest', 'file_parts') }}
),

cells as (
  select event_id, cells from stg_penalties__decisions
  union all select event_id, cells from stg_court_dishonest__cases
  union all select event_id, cells from stg_commitments__commitments
),

final as (
  select
    e.event_id,
    e.source,
    e.uscc,
    e.domain,
    e.event_date,
    e.severity,
    e.is_counted,
    e.not_counted_reason,
    files.file_name as file,
    e.row_number,
    map_from_entries(list_transform(
      list_zip(file_parts.headers, cells.cells[1:len(file_parts.headers)]),
      x -> {k: x[1], v: x[2]}
    )) as raw
  from int_events_judged as e
  join cells using (event_id)
  left join files on files.file_id = e.file_id
  left join file_parts on file_parts.file_id = e.file_id and file_parts.part = e.part
)

select * from final
