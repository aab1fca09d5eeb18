-- rules.md §7: the 双公示 records (penalty and licence business keys in their latest version, plus each
-- quarantined row whose department and decision date can be read), with department, month, report
-- date, timeliness and compliance.
with stg_penalties__decisions as (
  select * from {{ ref('stg_penalties__decisions') }}
),

stg_licenses__decisions as (
  select * from {{ ref('stg_licenses__decisions') }}
),

stg_penalties__quarantined as (
  select * from {{ ref('stg_penalties__quarantined') }}
),

stg_licenses__quarantined as (
  select * from {{ ref('stg_licenses__quarantined') }}
),

int_working_day_deadlines as (
  select * from {{ ref('int_working_day_deadlines') }}
),

files as (
  select * from {{ source('ingest', 'files') }}
),

loaded as (
  select 'penalties' as source, event_id as record_id, file_id, row_number, authority, department, decision_date, report_date, findings, false as is_quarantined
  from stg_penalties__decisions
  union all
  select 'licenses', record_id, file_id, row_number, authority, department, decision_date, report_date, findings, false
  from stg_licenses__decisions
),

-- A quarantined row is named as the quarantine export shows it (source, file name, row number), so a
-- department can find it in what it delivered.
quarantined as (
  select 'penalties' as source, 'quarantine:penalties/' || files.file_name || '#' || q.row_number as record_id, q.file_id, q.row_number, q.authority, q.department, q.decision_date, q.report_date, {{ list_of("'quarantined'") }} as findings, true as is_quarantined
  from stg_penalties__quarantined as q
  join files on files.file_id = q.file_id
  union all
  select 'licenses', 'quarantine:licenses/' || files.file_name || '#' || q.row_number, q.file_id, q.row_number, q.authority, q.department, q.decision_date, q.report_date, {{ list_of("'quarantined'") }}, true
  from stg_licenses__quarantined as q
  join files on files.file_id = q.file_id
),

records as (
  select * from loaded
  union all
  select * from quarantined
  where coalesce(department, authority) is not null and decision_date is not null
),

dated as (
  select
    records.*,
    coalesce(records.department, records.authority) as department_name,
    cs_norm(coalesce(records.department, records.authority)) as department_norm,
    strftime(records.decision_date, '%Y-%m') as month,
    -- A quarantined row is judged by its own 上报日期 only (else late); a loaded record falls back
    -- to the date starting its file name, else the day its file was ingested.
    case
      when records.is_quarantined then records.report_date
      else coalesce(records.report_date, files.extract_date, files.ingested_date)
    end as effective_report_date,
    deadlines.deadline_date
  from records
  left join files on files.file_id = records.file_id
  left join int_working_day_deadlines as deadlines on deadlines.date = records.decision_date
),

final as (
  select
    source,
    record_id,
    file_id,
    row_number,
    department_name,
    department_norm,
    month,
    decision_date,
    effective_report_date as report_date,
    deadline_date,
    coalesce(effective_report_date <= deadline_date, false) as is_timely,
    not is_quarantined
      and len({{ list_filter('findings', 'f', "not starts_with(f, 'uscc_org_code_check')") }}) = 0
      and decision_date <= {{ var('as_of') }}
      and coalesce(decision_date <= effective_report_date, true) as is_compliant,
    is_quarantined,
    findings
  from dated
)

select * from final
