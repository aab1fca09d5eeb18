-- 名称匹配复核: every normalised name that records without a valid USCC (rules.md §1) carry and that no
-- register record carries at all — the names §1 cannot resolve and a reviewer may judge. A name the
-- register gives to one USCC resolves by §1, one it gives to several stays ambiguous: neither is listed.
-- Natural persons' records are never name-resolved (§1) and are left out. reviewed_uscc is the USCC a
-- confirmed judgement attached the name's records to in this build (int_names_resolvable).
with stg_penalties__decisions as (
  select * from {{ ref('stg_penalties__decisions') }}
),

stg_court_dishonest__cases as (
  select * from {{ ref('stg_court_dishonest__cases') }}
),

stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
),

stg_serious_list__entries as (
  select * from {{ ref('stg_serious_list__entries') }}
),

stg_attention_list__entries as (
  select * from {{ ref('stg_attention_list__entries') }}
),

stg_project_parties__parties as (
  select * from {{ ref('stg_project_parties__parties') }}
),

check_names as (
  select * from {{ ref('check_names') }}
),

int_names_resolvable as (
  select * from {{ ref('int_names_resolvable') }}
),

name_only as (
  select 'penalties' as source, subject_name as name, subject_name_norm as name_norm, file_id, row_number
  from stg_penalties__decisions where not is_uscc_valid and coalesce(subject_kind <> '自然人', true)
  union all
  select 'court_dishonest', subject_name, subject_name_norm, file_id, row_number
  from stg_court_dishonest__cases where not is_uscc_valid and not coalesce(is_natural_person, false)
  union all
  select 'commitments', subject_name, subject_name_norm, file_id, row_number
  from stg_commitments__commitments where not is_uscc_valid and coalesce(subject_kind <> '自然人', true)
  union all
  select 'serious_list', subject_name, subject_name_norm, file_id, row_number
  from stg_serious_list__entries where not is_uscc_valid
  union all
  select 'attention_list', subject_name, subject_name_norm, file_id, row_number
  from stg_attention_list__entries where not is_uscc_valid
  union all
  select 'project_parties', party_name, party_name_norm, file_id, row_number
  from stg_project_parties__parties where not is_uscc_valid
),

outside_register as (
  select *
  from name_only
  where name_norm is not null and name_norm <> ''
    and not exists (select 1 from check_names where check_names.name_norm = name_only.name_norm)
),

final as (
  select
    outside_register.name_norm,
    {{ arg_max('outside_register.name', '(outside_register.file_id, outside_register.row_number)') }} as name,
    list_sort(list_distinct(list(outside_register.source))) as sources,
    count(*)::integer as records,
    any_value(int_names_resolvable.uscc) as reviewed_uscc
  from outside_register
  left join int_names_resolvable on int_names_resolvable.name_norm = outside_register.name_norm
  group by outside_register.name_norm
  order by outside_register.name_norm
)

select * from final
