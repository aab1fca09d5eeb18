-- rules.md §2: the domain of an authority is the first row of the keyword table (by priority) whose
-- keyword its name contains; a name matching none pools into `other`.
with stg_penalties__decisions as (
  select * from {{ ref('stg_penalties__decisions') }}
),

stg_commitments__commitments as (
  select * from {{ ref('stg_commitments__commitments') }}
),

stg_licenses__decisions as (
  select * from {{ ref('stg_licenses__decisions') }}
),

authority_domains as (
  select * from {{ source('ref', 'authority_domains') }}
),

authorities as (
  select authority_norm, authority, 'penalties' as source from stg_penalties__decisions
  union all
  select cs_norm(authority), authority, 'commitments' from stg_commitments__commitments
  union all
  select cs_norm(authority), authority, 'licenses' from stg_licenses__decisions
),

distinct_authorities as (
  select
    authority_norm,
    min(authority) as authority,
    list_sort(list(distinct source)) as sources,
    count(*)::integer as records
  from authorities
  where authority_norm is not null
  group by authority_norm
),

matched as (
  select
    distinct_authorities.authority_norm,
    {{ arg_min('authority_domains.domain', 'authority_domains.priority') }} as domain
  from distinct_authorities
  join authority_domains on contains(distinct_authorities.authority_norm, authority_domains.keyword)
  group by distinct_authorities.authority_norm
),

final as (
  select
    distinct_authorities.authority_norm,
    distinct_authorities.authority,
    distinct_authorities.sources,
    distinct_authorities.records,
    coalesce(matched.domain, 'other') as domain,
    matched.domain is null as is_unknown
  from distinct_authorities
  left join matched using (authority_norm)
)

select * from final
