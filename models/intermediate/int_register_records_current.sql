-- rules.md §1 "the current register": for each valid USCC its records in the latest file carrying that
-- USCC (an older name delivered only in earlier files is a rename, not a duplicate), plus every record
-- whose USCC is missing or invalid.
with stg_enterprises__records as (
  select * from {{ ref('stg_enterprises__records') }}
),

with_latest_file as (
  select
    *,
    max(file_id) over (partition by case when is_uscc_valid then uscc end) as latest_file_of_uscc
  from stg_enterprises__records
),

current_records as (
  select *
  from with_latest_file
  where not is_uscc_valid or file_id = latest_file_of_uscc
),

names_per_uscc as (
  select
    uscc,
    count(distinct name_norm) as name_count
  from current_records
  where is_uscc_valid
  group by uscc
),

final as (
  select
    current_records.record_id,
    current_records.uscc,
    current_records.is_uscc_valid,
    current_records.name,
    current_records.file_id,
    current_records.row_number,
    coalesce(names_per_uscc.name_count > 1, false) as is_duplicate_code,
    not current_records.is_uscc_valid or coalesce(names_per_uscc.name_count > 1, false) as is_code_error
  from current_records
  -- names_per_uscc holds valid codes only, and validity is a function of the code, so an equality on
  -- uscc alone is the same join; a second condition here made DuckDB plan a nested-loop join that
  -- never finished at city scale (245k × 193k rows).
  left join names_per_uscc on names_per_uscc.uscc = current_records.uscc
)

select * from final
