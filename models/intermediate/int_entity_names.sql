-- rules.md §1: an entity's name is its register record's, else the name delivered on its record with
-- the latest dating date (ties: the later delivery). Records of every dated source that resolve to it.
with int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

int_events_judged as (
  select * from {{ ref('int_events_judged') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

stg_tax_credit__grades as (
  select * from {{ ref('stg_tax_credit__grades') }}
),

stg_public_rating__ratings as (
  select * from {{ ref('stg_public_rating__ratings') }}
),

stg_utilities__records as (
  select * from {{ ref('stg_utilities__records') }}
),

delivered_names as (
  select uscc, subject_name as name, event_date as dated_date, file_id, row_number
  from int_events_judged where uscc is not null
  union all
  select uscc, subject_name, listed_date, file_id, row_number
  from int_list_entries_resolved where uscc is not null and listed_date <= {{ var('as_of') }}
  union all
  select uscc, subject_name, dated_date, file_id, row_number
  from stg_tax_credit__grades where is_uscc_valid and dated_date <= {{ var('as_of') }}
  union all
  select uscc, subject_name, rating_date, file_id, row_number
  from stg_public_rating__ratings where is_uscc_valid and rating_date <= {{ var('as_of') }}
  union all
  select uscc, subject_name, period_date, file_id, row_number
  from stg_utilities__records where is_uscc_valid and period_date <= {{ var('as_of') }}
),

latest_delivered as (
  select
    uscc,
    {{ arg_max('name', '(dated_date, file_id, row_number)') }} as name
  from delivered_names
  where name is not null
  group by uscc
),

final as (
  select
    coalesce(int_entities_registered.uscc, latest_delivered.uscc) as uscc,
    coalesce(int_entities_registered.name, latest_delivered.name) as name,
    int_entities_registered.uscc is not null as is_registered
  from int_entities_registered
  full outer join latest_delivered on latest_delivered.uscc = int_entities_registered.uscc
)

select * from final
