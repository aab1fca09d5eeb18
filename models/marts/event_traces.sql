-- Every violation event known at as-of traced to the raw row it came from: source, file and row. The
-- original cells stay in the build's raw.<source>: a page reads them for the few events it shows
-- (server/queries/pages/profile.ts) instead of every build copying a map of cells per event.
with int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

files as (
  select * from {{ source('ingest', 'files') }}
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
    e.file_id,
    e.part,
    e.row_number
  from int_events_judged as e
  left join files on files.file_id = e.file_id
)

select * from final
