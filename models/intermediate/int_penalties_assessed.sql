-- rules.md §1 and §3 for penalties: the subject's entity, the severity and the publication window by
-- the rule version in force on the decision date. The domain (§2) is assigned with the other events'
-- in int_events_judged: the authority table's matches depend on every delivered authority, and this
-- model is merged penalty by penalty (its stream in _intermediate.yml).
with stg_penalties__decisions as (
  select * from {{ ref('stg_penalties__decisions') }}
),

int_names_resolvable as (
  select * from {{ ref('int_names_resolvable') }}
),

int_publication_rules_versioned as (
  select * from {{ ref('int_publication_rules_versioned') }}
),

resolved as (
  select
    p.*,
    p.subject_kind = '自然人' as is_natural_person,
    case
      when p.subject_kind = '自然人' then null
      when p.is_uscc_valid then p.uscc
      else int_names_resolvable.uscc
    end as entity_uscc
  from stg_penalties__decisions as p
  left join int_names_resolvable on int_names_resolvable.name_norm = p.subject_name_norm
),

severity as (
  select
    *,
    case
      when severity_delivered in ('轻微', '一般', '严重') then severity_delivered
      when list_has_any(categories, {{ list_of("'吊销许可证件', '降低资质等级', '责令关闭', '责令停产停业', '限制开展生产经营活动', '限制从业', '行政拘留'") }}) then '严重'
      when len(categories) > 0 and len({{ list_filter('categories', 'c', "c not in ('警告', '通报批评')") }}) = 0 then '轻微'
      when list_contains(categories, '罚款')
        and len({{ list_filter('categories', 'c', "c not in ('罚款', '警告')") }}) = 0
        and fine_yuan is not null
        and fine_yuan <= case
          when is_natural_person then {{ config('severity.minor_fine_max_yuan_natural_person') }}
          else {{ config('severity.minor_fine_max_yuan_organisation') }}
        end
        then '轻微'
      else '一般'
    end as severity
  from resolved
),

with_rules as (
  select
    severity.*,
    rules.rule_source,
    case severity.severity when '一般' then rules.general_min_months when '严重' then rules.serious_min_months end as min_months,
    case severity.severity when '一般' then rules.general_max_months when '严重' then rules.serious_max_months end as max_months
  from severity
  join int_publication_rules_versioned as rules
    on coalesce(rules.effective_from <= severity.decision_date, true)
    and coalesce(severity.decision_date < rules.effective_until, true)
),

windows as (
  select
    *,
    (decision_date + to_months(min_months))::date as minimum_end_date,
    (decision_date + to_months(max_months))::date as maximum_end_date
  from with_rules
),

final as (
  select
    *,
    case
      when severity = '轻微' then null
      when publication_end_delivered is null then maximum_end_date
      else least(greatest(publication_end_delivered, minimum_end_date), maximum_end_date)
    end as publication_end_date
  from windows
)

select * from final
