-- rules.md §9 source_stale, judged in the unit the configuration chooses (docs/rules.md): working days on
-- the official calendar by default, calendar days when `warnings.source_expected_interval_unit` says so.
-- The span is the days after the source's last file up to and including as-of. A day ref.calendar does
-- not cover is never taken for an ordinary day: a source is fresh only if it would be fresh were every
-- uncovered day a working day; when that decides nothing, it is stale and the uncovered run is named
-- (docs/rules.md).
with files as (
  select * from {{ source('ingest', 'files') }}
),

calendar as (
  select * from {{ source('ref', 'calendar') }}
),

expected_intervals as (
  select * from (values
    ('penalties', {{ config('warnings.source_expected_interval_days.penalties') }}),
    ('licenses', {{ config('warnings.source_expected_interval_days.licenses') }}),
    ('court_dishonest', {{ config('warnings.source_expected_interval_days.court_dishonest') }}),
    ('serious_list', {{ config('warnings.source_expected_interval_days.serious_list') }}),
    ('attention_list', {{ config('warnings.source_expected_interval_days.attention_list') }}),
    ('commitments', {{ config('warnings.source_expected_interval_days.commitments') }}),
    ('tax_credit', {{ config('warnings.source_expected_interval_days.tax_credit') }}),
    ('public_rating', {{ config('warnings.source_expected_interval_days.public_rating') }}),
    ('utilities', {{ config('warnings.source_expected_interval_days.utilities') }}),
    ('enterprises', {{ config('warnings.source_expected_interval_days.enterprises') }}),
    ('key_projects', {{ config('warnings.source_expected_interval_days.key_projects') }}),
    ('project_parties', {{ config('warnings.source_expected_interval_days.project_parties') }}),
    ('repairs', {{ config('warnings.source_expected_interval_days.repairs') }}),
    ('objections', {{ config('warnings.source_expected_interval_days.objections') }}),
    ('screening_reports', {{ config('warnings.source_expected_interval_days.screening_reports') }})
  ) as t(source, interval_days)
),

-- A file is dated by the extract date starting its name, else its ingestion day, so a build with a
-- past as-of judges staleness as of then.
last_ingested as (
  select source, max(coalesce(extract_date, ingested_date)) as last_date, {{ arg_max('file_name', 'file_id') }} as file_name
  from files
  where coalesce(extract_date, ingested_date) <= {{ var('as_of') }}
  group by source
),

span_days as (
  select
    last_ingested.source,
    cast(unnest(range(last_ingested.last_date + 1, {{ var('as_of') }} + 1, {{ interval('1 day') }})) as date) as date
  from last_ingested
),

spans as (
  select
    span_days.source,
    count(*) filter (where calendar.is_working_day) as working_days,
    count(*) filter (where calendar.date is null) as uncovered_days,
    min(span_days.date) filter (where calendar.date is null) as uncovered_from,
    max(span_days.date) filter (where calendar.date is null) as uncovered_to
  from span_days
  left join calendar using (date)
  group by span_days.source
),

judged as (
  select
    expected_intervals.source,
    expected_intervals.interval_days,
    {{ config('warnings.source_expected_interval_unit') }} as interval_unit,
    last_ingested.last_date,
    last_ingested.file_name,
    {{ var('as_of') }} - last_ingested.last_date as calendar_days,
    coalesce(spans.working_days, 0) as working_days,
    coalesce(spans.uncovered_days, 0) as uncovered_days,
    spans.uncovered_from,
    spans.uncovered_to
  from expected_intervals
  left join last_ingested using (source)
  left join spans using (source)
),

final as (
  select
    *,
    -- A source never delivered is stale.
    case
      when last_date is null then true
      when interval_unit = 'calendar_days' then calendar_days > interval_days
      else working_days + uncovered_days > interval_days
    end as is_stale,
    -- Stale only because uncovered days might be working days: the warning names them.
    interval_unit = 'working_days' and last_date is not null and working_days <= interval_days
      and working_days + uncovered_days > interval_days as stale_by_uncovered_days
  from judged
)

select * from final
