-- rules.md §3–§4: what each credit repair names and whether it takes effect. A penalty repair is linked
-- by 关联文书号 to the penalty decision number; when several penalties share it, to the one whose 处罚机关
-- is the 修复机关; a link still ambiguous applies to none. A serious-list repair ends the entries with
-- that 认定文书号 whose subject is the repair's. Every repair that does nothing carries a finding.
with stg_repairs__repairs as (
  select * from {{ ref('stg_repairs__repairs') }}
),

int_penalties_assessed as (
  select * from {{ ref('int_penalties_assessed') }}
),

stg_serious_list__entries as (
  select * from {{ ref('stg_serious_list__entries') }}
),

penalty_candidates as (
  select
    r.repair_id,
    p.event_id,
    p.decision_date,
    p.severity,
    p.minimum_end_date,
    count(*) over (partition by r.repair_id) as candidates,
    count(*) filter (where p.authority_norm = r.repair_authority_norm) over (partition by r.repair_id) as authority_matches,
    p.authority_norm = r.repair_authority_norm as is_authority_match
  from stg_repairs__repairs as r
  join int_penalties_assessed as p on p.decision_no_norm = r.related_doc_no_norm
  where r.repair_type = '行政处罚'
),

penalty_links as (
  select *
  from penalty_candidates
  where candidates = 1 or (authority_matches = 1 and is_authority_match)
),

penalty_ambiguous as (
  select distinct repair_id
  from penalty_candidates
  where candidates > 1 and authority_matches <> 1
),

list_links as (
  select
    r.repair_id,
    e.record_id,
    e.listed_date
  from stg_repairs__repairs as r
  join stg_serious_list__entries as e
    on e.decision_no_norm = r.related_doc_no_norm
    and case
      when r.is_uscc_valid and e.is_uscc_valid then e.uscc = r.uscc
      else e.subject_name_norm = r.subject_name_norm
    end
  where r.repair_type = '严重失信主体名单'
),

linked as (
  select
    r.*,
    coalesce(pl.event_id, ll.record_id) as target_id,
    coalesce(pl.decision_date, ll.listed_date) as target_date,
    pl.minimum_end_date,
    pl.severity,
    pa.repair_id is not null as is_ambiguous
  from stg_repairs__repairs as r
  left join penalty_links as pl on pl.repair_id = r.repair_id
  left join list_links as ll on ll.repair_id = r.repair_id
  left join penalty_ambiguous as pa on pa.repair_id = r.repair_id
),

judged as (
  select
    *,
    case
      when repair_type = '其他' then 'repair_type_other'
      when is_ambiguous then 'repair_link_ambiguous'
      when target_id is null then 'repair_link_missing'
      when repair_date < target_date then 'repair_before_decision'
      when repair_type = '行政处罚' and severity <> '轻微' and repair_date < minimum_end_date then 'repair_before_minimum_period'
    end as finding
  from linked
),

final as (
  select
    repair_id,
    repair_type,
    related_doc_no,
    repair_date,
    repair_authority,
    target_id,
    finding,
    finding is null as is_valid,
    finding is null and repair_date <= {{ var('as_of') }} as is_effective,
    file_id,
    row_number
  from judged
)

select * from final
