-- For pages and the entity API: one Chinese sentence per flag saying why it was raised, with the
-- evidence event ids (the export columns of the flag marts stay exactly those of interfaces.md).
with int_repeat_flagged as (
  select * from {{ ref('int_repeat_flagged') }}
),

int_cross_domain_flagged as (
  select * from {{ ref('int_cross_domain_flagged') }}
),

int_persistent_flagged as (
  select * from {{ ref('int_persistent_flagged') }}
),

domains as (
  select * from {{ source('ref', 'domains') }}
),

-- Only penalties read as 被处罚; court cases and broken commitments are 违法失信记录.
repeat_sentences as (
  select
    r.uscc,
    'repeat_violator' as flag,
    r.domain,
    '近' || {{ config('flags.repeat_window_days') }} || '天内在' || coalesce(domains.label, r.domain) || '领域'
      || case when list_bool_and({{ list_transform('r.event_ids', 'e', "starts_with(e, 'penalties:')") }}) then '被处罚' else '有违法失信记录' end
      || r.event_count || '次' as explanation,
    r.event_ids
  from int_repeat_flagged as r
  left join domains on domains.domain = r.domain
),

domain_labels as (
  select
    c.uscc,
    string_agg(coalesce(domains.label, d.domain), '、' order by d.domain) as labels
  from int_cross_domain_flagged as c, unnest(c.domains) as d(domain)
  left join domains on domains.domain = d.domain
  group by c.uscc
),

cross_domain_sentences as (
  select
    c.uscc,
    'cross_domain_violator' as flag,
    cast(null as varchar) as domain,
    '近' || {{ config('flags.cross_domain_window_days') }} || '天内在' || c.domain_count || '个领域（'
      || domain_labels.labels || '）有违法失信记录' || c.event_count || '次' as explanation,
    c.event_ids
  from int_cross_domain_flagged as c
  join domain_labels using (uscc)
),

persistent_sentences as (
  select
    p.uscc,
    'persistent_violator' as flag,
    cast(null as varchar) as domain,
    strftime(p.report_date, '%Y年%-m月%-d日') || '被筛查通报后又有' || p.events_after_report || '次违法失信记录，且仍为同一领域频繁或多领域多次违法主体' as explanation,
    p.event_ids
  from int_persistent_flagged as p
),

final as (
  select * from repeat_sentences
  union all select * from cross_domain_sentences
  union all select * from persistent_sentences
)

select * from final
