-- rules.md §4: every violation event known at as-of (penalties by decision date, court cases by
-- publication date, broken commitments by their 认定日期), its entity and domain, and whether it counts
-- at as-of; `not_counted_reason` says why one does not. A penalty keeps its decision's details
-- (number, department, categories, fine, publication end), so the profile's penalties read this model
-- alone and merge with it.
with int_penalties_assessed as (
  select * from {{ ref('int_penalties_assessed') }}
),

stg_court_dishonest__cases as (
  select * from {{ ref('stg_court_dishonest__cases') }}
),

stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
),

int_names_resolvable as (
  select * from {{ ref('int_names_resolvable') }}
),

int_authority_domains_assigned as (
  select * from {{ ref('int_authority_domains_assigned') }}
),

int_repairs_linked as (
  select * from {{ ref('int_repairs_linked') }}
),

int_objections_linked as (
  select * from {{ ref('int_objections_linked') }}
),

repaired as (
  select target_id, min(repair_date) as repair_date
  from int_repairs_linked
  where is_effective
  group by target_id
),

objections as (
  select
    event_id,
    bool_or(is_open) as is_open,
    bool_or(is_revoking) as is_revoking
  from int_objections_linked
  group by event_id
),

penalties as (
  select
    p.event_id,
    'penalties' as source,
    p.entity_uscc,
    p.subject_name,
    p.is_natural_person,
    coalesce(authorities.domain, 'other') as domain,
    p.authority,
    p.decision_date as event_date,
    p.severity,
    case
      when p.is_natural_person then 'natural_person'
      when p.entity_uscc is null then 'unresolved'
      when p.status = '撤销' or coalesce(objections.is_revoking, false) then 'revoked'
      when repaired.target_id is not null then 'repaired'
      when p.status = '异议' or coalesce(objections.is_open, false) then 'objection_open'
    end as not_counted_reason,
    p.decision_no,
    p.department,
    p.categories,
    p.fine_yuan,
    p.publication_end_date,
    p.file_id,
    p.part,
    p.row_number
  from int_penalties_assessed as p
  left join int_authority_domains_assigned as authorities on authorities.authority_norm = p.authority_norm
  left join repaired on repaired.target_id = p.event_id
  left join objections on objections.event_id = p.event_id
  where p.decision_date <= {{ var('as_of') }}
),

court as (
  select
    c.event_id,
    'court_dishonest' as source,
    case
      when c.is_natural_person then null
      when c.is_uscc_valid then c.uscc
      else int_names_resolvable.uscc
    end as entity_uscc,
    c.subject_name,
    c.is_natural_person,
    'judicial' as domain,
    c.court as authority,
    c.published_date as event_date,
    cast(null as varchar) as severity,
    c.removed_date,
    c.file_id,
    c.part,
    c.row_number
  from stg_court_dishonest__cases as c
  left join int_names_resolvable on int_names_resolvable.name_norm = c.subject_name_norm
  where c.published_date <= {{ var('as_of') }}
),

court_judged as (
  select
    event_id, source, entity_uscc, subject_name, is_natural_person, domain, authority, event_date, severity,
    case
      when is_natural_person then 'natural_person'
      when entity_uscc is null then 'unresolved'
      when removed_date <= {{ var('as_of') }} then 'removed'
    end as not_counted_reason,
    file_id, part, row_number
  from court
),

commitments as (
  select
    c.event_id,
    'commitments' as source,
    case
      when c.subject_kind = '自然人' then null
      when c.is_uscc_valid then c.uscc
      else int_names_resolvable.uscc
    end as entity_uscc,
    c.subject_name,
    coalesce(c.subject_kind = '自然人', false) as is_natural_person,
    coalesce(authorities.domain, 'other') as domain,
    c.authority,
    c.status_date as event_date,
    cast(null as varchar) as severity,
    c.file_id,
    c.part,
    c.row_number
  from stg_commitments__commitments as c
  left join int_names_resolvable on int_names_resolvable.name_norm = c.subject_name_norm
  left join int_authority_domains_assigned as authorities on authorities.authority_norm = cs_norm(c.authority)
  where c.is_broken and c.status_date <= {{ var('as_of') }}
),

commitments_judged as (
  select
    event_id, source, entity_uscc, subject_name, is_natural_person, domain, authority, event_date, severity,
    case
      when is_natural_person then 'natural_person'
      when entity_uscc is null then 'unresolved'
    end as not_counted_reason,
    file_id, part, row_number
  from commitments
),

unioned as (
  select * from penalties
  {{ union_all_by_name() }}
  select {{ columns_by_name('event_id, source, entity_uscc, subject_name, is_natural_person, domain, authority, event_date, severity, not_counted_reason, decision_no, department, categories, fine_yuan, publication_end_date, file_id, part, row_number', 'event_id, source, entity_uscc, subject_name, is_natural_person, domain, authority, event_date, severity, not_counted_reason, file_id, part, row_number') }} from court_judged
  {{ union_all_by_name() }}
  select {{ columns_by_name('event_id, source, entity_uscc, subject_name, is_natural_person, domain, authority, event_date, severity, not_counted_reason, decision_no, department, categories, fine_yuan, publication_end_date, file_id, part, row_number', 'event_id, source, entity_uscc, subject_name, is_natural_person, domain, authority, event_date, severity, not_counted_reason, file_id, part, row_number') }} from commitments_judged
),

final as (
  select
    event_id,
    source,
    entity_uscc as uscc,
    subject_name,
    is_natural_person,
    domain,
    authority,
    event_date,
    severity,
    not_counted_reason is null as is_counted,
    not_counted_reason,
    decision_no,
    department,
    categories,
    fine_yuan,
    publication_end_date,
    file_id,
    part,
    row_number
  from unioned
)

select * from final
