-- Credit commitments (信用承诺) of each entity made by as-of, with their fulfilment.
with stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
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
    c.file_id,
    c.row_number
  from stg_commitments__commitments as c
  where c.is_uscc_valid
    and c.commitment_date <= {{ var('as_of') }}
)

select * from final
