-- Credit commitments (信用承诺) of each entity made by as-of, with their fulfilment.
with stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
),

files as (
  select * from {{ source('ingest', 'files') }}
),

final as (
  select
    c.uscc,
    c.event_id,
    c.commitment_type,
    c.commitment_date,
    c.authority,
    c.fulfilment_status,
    c.status_date,
    c.is_broken,
    files.file_id,
    files.file_name as file,
    c.row_number
  from stg_commitments__commitments as c
  left join files on files.file_id = c.file_id
  where c.is_uscc_valid
    and c.commitment_date <= {{ var('as_of') }}
)

select * from final
