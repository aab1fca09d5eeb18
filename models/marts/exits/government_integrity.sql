-- docs/rules.md "Government integrity" (政务诚信; rules.md is silent): government bodies — USCCs whose first two
-- characters (登记管理部门码 + 机构类别码, GB 32100) are in `government_integrity.uscc_prefixes`, by default
-- 11 机关 and 12 事业单位 — with an active court dishonest-debtor case, a broken commitment or utility
-- arrears at as-of, judged exactly as the signals of rules.md §6 (int_entity_signals, with its windows).
with int_entity_signals as (
  select * from {{ ref('int_entity_signals') }}
),

int_entity_names as (
  select * from {{ ref('int_entity_names') }}
),

signals as (
  select *
  from int_entity_signals
  where kind in ('court_dishonest', 'broken_commitment', 'utility_arrears')
    and list_contains({{ config('government_integrity.uscc_prefixes') }}, left(uscc, 2))
),

bodies as (
  select
    uscc,
    coalesce(sum(len(evidence)) filter (where kind = 'court_dishonest'), 0) as court_case_count,
    coalesce(sum(len(evidence)) filter (where kind = 'broken_commitment'), 0) as broken_commitment_count,
    coalesce(sum(len(evidence)) filter (where kind = 'utility_arrears'), 0) as arrears_account_count,
    list_sort({{ flatten_list('evidence') }}) as evidence
  from signals
  group by uscc
),

final as (
  select
    bodies.uscc,
    int_entity_names.name,
    left(bodies.uscc, 2) as registration_category,
    bodies.court_case_count::bigint as court_case_count,
    bodies.broken_commitment_count::bigint as broken_commitment_count,
    bodies.arrears_account_count::bigint as arrears_account_count,
    bodies.evidence
  from bodies
  left join int_entity_names using (uscc)
)

select * from final
