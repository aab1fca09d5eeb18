/**
 * What a credit report says about an entity, read from a published build: register data, active list
 * entries (rules.md §6's notion of active), penalties inside their publication period at as-of with
 * repaired and revoked ones excluded (§3: entity_penalties.publication_status = 'public'), commitments
 * and their fulfilment, flags, and for the 专项 variant the counted events (§4) per domain in the last N
 * years.
 */
import type { Db } from '../../../lib/db.js';
import { InputError } from '../../../lib/errors.js';
import type { Commitment, DomainStatement, Flag, ListEntry, PublicPenalty, RegisterSection } from './types.js';

export interface CreditData {
  name: string;
  register: RegisterSection | null;
  lists: ListEntry[];
  public_penalties: PublicPenalty[];
  commitments: Commitment[];
  flags: Flag[];
}

export async function readCreditData(db: Db, uscc: string): Promise<CreditData> {
  const entity = await db.one<{ name: string; former_names: string[] }>(
    `select name, former_names from entity_search where uscc = ?`,
    [uscc],
  );
  if (!entity) throw new InputError(`the published build has no record of ${uscc}: no credit report can be issued`);
  const register = await db.one<Omit<RegisterSection, 'former_names'>>(
    `select name, entity_type, registration_status, legal_rep, industry_code, region_code
     from entity_register where uscc = ?`,
    [uscc],
  );
  // check_list_entries is the published mart of the entries active at as-of (rules.md §6), with the reason
  // delivered with each: 列入原因, or 失信被执行人行为具体情形 for a court case.
  const lists = await db.all<ListEntry>(
    `select list, coalesce(list_type, '失信被执行人') as list_type, authority, since::varchar as since,
       case when list = 'court_dishonest'
         then split_part(substr(record_id, length('court_dishonest:') + 1), '|', 1) end as reference,
       reason
     from check_list_entries where uscc = ?
     order by since, list, list_type, reference`,
    [uscc],
  );
  const public_penalties = await db.all<PublicPenalty>(
    `select decision_no, decision_date::varchar as decision_date, authority, categories, fine_yuan, severity,
       publication_end_date::varchar as publication_end_date
     from entity_penalties where uscc = ? and publication_status = 'public'
     order by decision_date, decision_no`,
    [uscc],
  );
  const commitments = await db.all<Commitment>(
    `select commitment_type, commitment_date::varchar as commitment_date, authority, fulfilment_status,
       status_date::varchar as status_date, is_broken
     from entity_commitments where uscc = ?
     order by commitment_date, commitment_type, authority`,
    [uscc],
  );
  const flags = await db.all<Flag>(
    `select flag, domain, explanation from flag_explanations where uscc = ? order by flag, domain`,
    [uscc],
  );
  return {
    name: entity.name,
    register: register ? { ...register, former_names: entity.former_names } : null,
    lists,
    public_penalties,
    commitments,
    flags,
  };
}

/** `date + N years` as rules.md §3 reckons it: the same day, or the month's last day when it has none. */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return `${y - years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Every domain of the authority table (and `other`), each with the entity's counted events dated in the
 * trailing N years: after as-of − N years, on or before as-of.
 */
export async function readDomainStatements(
  db: Db,
  uscc: string,
  asOf: string,
  years: number,
): Promise<{ from: string; domains: DomainStatement[] }> {
  const from = yearsBefore(asOf, years);
  const domains = await db.all<DomainStatement>(
    `with labels as (
       select domain, min(label) as label, min(priority) as ord from ref.authority_domains group by domain
       union all select 'other', '其他', 1e9 where not exists (select 1 from ref.authority_domains where domain = 'other')
     ),
     counted as (
       select domain, count(*)::integer as n from event_traces
       where uscc = ? and is_counted and event_date > ?::date and event_date <= ?::date
       group by domain
     )
     select labels.domain, labels.label, coalesce(counted.n, 0) as counted_events
     from labels left join counted using (domain)
     order by labels.ord, labels.domain`,
    [uscc, from, asOf],
  );
  return { from, domains };
}
