-- 筛查通报 already circulated: the delivered history and the reports the product issued itself
-- (product.screening_reports, dated by the as-of of the build each was made from; rules.md §5).
with source as (
  select * from {{ source('raw', 'screening_reports') }}
),

issued as (
  select * from {{ source('product', 'screening_reports') }}
),

latest as (
  select *
  from {{ latest_per_key('source where _reason is null', '_key', '_file_id desc, _row_number desc') }} as latest_rows
),

delivered as (
  select
    'screening_reports:' || _key as record_id,
    report_no,
    report_date,
    uscc,
    subject_name,
    report_type,
    domain,
    _file_id as file_id,
    _row_number as row_number
  from latest
),

issued_by_product as (
  select
    'issued:' || report_no || '|' || uscc || '|' || report_type || '|' || coalesce(domain, '') as record_id,
    report_no,
    report_date,
    uscc,
    subject_name,
    report_type,
    domain,
    null::bigint as file_id,
    null::bigint as row_number
  from issued
),

final as (
  select * from delivered
  {{ union_all_by_name() }}
  select * from issued_by_product
)

select * from final
