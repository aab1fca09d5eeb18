with source as (
  select * from {{ source('raw', 'serious_list') }}
),

snapshot_removals as (
  select * from {{ source('snapshots', 'serious_list') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

final as (
  select
    'serious_list:' || latest._key as record_id,
    latest._key as record_key,
    latest._file_id as file_id,
    latest._part as part,
    latest._row_number as row_number,
    latest.subject_name,
    cs_norm(latest.subject_name) as subject_name_norm,
    latest.uscc,
    coalesce(cs_uscc_valid(latest.uscc), false) as is_uscc_valid,
    latest.list_type,
    latest.listing_reason,
    latest.listed_date,
    latest.authority,
    latest.decision_no,
    cs_norm_docno(latest.decision_no) as decision_no_norm,
    least(latest.removed_date, snapshot_removals.removed_date) as removed_date
  from latest
  left join snapshot_removals on snapshot_removals._key = latest._key
)

select * from final
