-- rules.md §5: a person (valid 18-character GB 11643 number, normalised) who is legal representative,
-- on the entity's register record, of at least flags.legal_rep_min_entities qualifying entities:
-- repeat or cross-domain violators, or with an active serious-dishonesty entry at as-of.
with int_entities_registered as (
  select * from {{ ref('int_entities_registered') }}
),

stg_enterprises__records as (
  select * from {{ ref('stg_enterprises__records') }}
),

int_repeat_flagged as (
  select * from {{ ref('int_repeat_flagged') }}
),

int_cross_domain_flagged as (
  select * from {{ ref('int_cross_domain_flagged') }}
),

int_list_entries_resolved as (
  select * from {{ ref('int_list_entries_resolved') }}
),

qualifying as (
  select uscc from int_repeat_flagged
  union
  select uscc from int_cross_domain_flagged
  union
  select uscc from int_list_entries_resolved where list = 'serious_list' and is_active and uscc is not null
),

linked as (
  select
    int_entities_registered.legal_rep_id_number as person_id,
    list_sort(list(distinct int_entities_registered.uscc)) as usccs
  from int_entities_registered
  join qualifying on qualifying.uscc = int_entities_registered.uscc
  where int_entities_registered.is_legal_rep_id_valid
    and length(int_entities_registered.legal_rep_id_number) = 18
  group by int_entities_registered.legal_rep_id_number
  having count(distinct int_entities_registered.uscc) >= {{ config('flags.legal_rep_min_entities') }}
),

person_names as (
  select
    legal_rep_id_number as person_id,
    {{ arg_max('legal_rep', '(file_id, row_number)') }} as legal_rep_name
  from stg_enterprises__records
  where legal_rep_id_number is not null
  group by legal_rep_id_number
),

final as (
  select
    cs_id_mask(linked.person_id) as person_id_masked,
    person_names.legal_rep_name,
    len(linked.usccs)::integer as entity_count,
    linked.usccs
  from linked
  left join person_names on person_names.person_id = linked.person_id
)

select * from final
