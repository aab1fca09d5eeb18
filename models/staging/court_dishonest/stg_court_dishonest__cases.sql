with source as (
  select * from {{ source('raw', 'court_dishonest') }}
),

snapshot_removals as (
  select * from {{ source('snapshots', 'court_dishonest') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'court_dishonest:' || latest._key as event_id,
    latest._key as record_key,
    latest._file_id as file_id,
    latest._part as part,
    latest._row_number as row_number,
    latest.case_no,
    latest.subject_name,
    cs_norm(latest.subject_name) as subject_name_norm,
    latest.uscc,
    coalesce(cs_uscc_valid(latest.uscc), false) as is_uscc_valid,
    latest.is_natural_person,
    latest.court,
    latest.published_date,
    latest.dishonest_conduct,
    -- least() skips nulls: the earlier of the delivered removal and a full snapshot's absence.
    least(latest.removed_date, snapshot_removals.removed_date) as removed_date
  from latest
  left join snapshot_removals on snapshot_removals._key = latest._key
)

select * from final
