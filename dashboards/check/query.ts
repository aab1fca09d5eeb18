/**
 * 信用核查 (逢办必查, interfaces.md `POST /api/v1/checks`): a batch of subjects checked against the
 * published build. It lives beside the 核查 page because the page and the API answer alike; the
 * server's routes only parse, record and send. Set-based: whatever the batch size, three statements
 * (names, entities' facts, suggestions), each taking the batch as one list parameter, so 10,000
 * subjects cost three joins, not 10,000 look-ups. It reads the check marts (models/marts/check/), which
 * gather per entity what the profile reads: the three flag datasets and entity_penalties.
 */
import type { Config } from '../../lib/config/schema.js';
import type { Db } from '../../lib/db.js';
import type { MatchKind, Verdict } from '../../lib/checks/store.js';
import { pairKey, type ReviewedNames } from '../../lib/nameReview/store.js';
import { norm } from '../../lib/validate/text.js';
import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';
import { mainTables } from '../profile/entity.js';
import { measuresFor, type AppliedMeasure, catalogueAt } from './measures.js';

export interface Subject {
  query: string;
  kind: 'uscc' | 'name';
}

export interface ListEntry {
  list: string;
  since: string;
  authority: string | null;
  reason: string | null;
  list_type: string | null;
}

export interface PublicPenalty {
  event_id: string;
  decision_no: string | null;
  decision_date: string;
  authority: string | null;
  domain: string | null;
  severity: string | null;
  categories: string[] | null;
  fine_yuan: number | null;
  publication_end_date: string | null;
}

export interface Candidate {
  uscc: string;
  name: string | null;
}

export interface Suggestion extends Candidate {
  similarity: number;
  /** similar_register_name, similar_former_name or name_outside_register (docs/check.md). */
  why: string;
}

export interface CheckResult {
  query: string;
  match: MatchKind;
  uscc: string | null;
  name: string | null;
  lists: ListEntry[];
  flags: string[];
  public_penalties: PublicPenalty[];
  measures: AppliedMeasure[];
  /** null when the subject did not resolve to one USCC: nothing is known of it, which is not "clear". */
  verdict: Verdict | null;
  /** The credit grade (docs/rules.md "Credit grades"); null when unresolved or not an active register entity. */
  grade: string | null;
  candidates?: Candidate[];
  suggestions?: Suggestion[];
  error?: string;
  /** `review` for a `name` match by a reviewer's confirmed judgement (名称匹配复核); absent otherwise. */
  resolved_by?: 'review';
  /** The judgement a `review` match rests on: evidence, shown as such (docs/check.md). */
  judgement?: { id: string; decided_by: string; decided_at: string };
}

export interface CheckOptions {
  asOf: string;
  config: Readonly<Config>;
  /** The reviewed judgements in force (lib/nameReview/store.ts); none when absent. */
  reviewed?: ReviewedNames;
}

/** The marts a check reads; a build without them cannot answer. */
export const CHECK_MARTS = ['check_entities', 'check_names'] as const;

/** What a build made before check_entities carried the answer lacks: its grade column (and so the rest). */
const ANSWER_COLUMN = 'check_entities.grade';

export async function missingCheckMarts(db: Db): Promise<string[]> {
  const tables = await mainTables(db);
  const missing: string[] = CHECK_MARTS.filter((t) => !tables.has(t));
  if (missing.length) return missing;
  const hasAnswer = await db.value<boolean>(
    `select count(*) > 0 from duckdb_columns()
     where database_name = current_database() and schema_name = 'main'
       and table_name = 'check_entities' and column_name = 'grade'`,
  );
  return hasAnswer ? [] : [ANSWER_COLUMN];
}

type Keyed = { kind: 'uscc'; uscc: string } | { kind: 'name'; nameNorm: string } | { kind: 'invalid'; error: string };

function keyOf(s: Subject): Keyed {
  if (s.kind === 'uscc') {
    const code = normaliseCode(s.query);
    return isValidUscc(code)
      ? { kind: 'uscc', uscc: code }
      : { kind: 'invalid', error: `“${s.query}”不是有效的统一社会信用代码（GB 32100）` };
  }
  const nameNorm = norm(s.query);
  return nameNorm ? { kind: 'name', nameNorm } : { kind: 'invalid', error: '名称为空' };
}

/** Each asked name with the USCCs whose register records carry it (rules.md §1), and their names. */
async function namesCarried(db: Db, names: readonly string[]): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>();
  if (!names.length) return out;
  const rows = await db.all<{ name_norm: string; uscc: string; name: string | null }>(
    `select n.name_norm, n.uscc, coalesce(e.name, n.name) as name
     from (select * from check_names where name_norm in (select unnest(?))) as n
     left join (select uscc, name from check_entities where uscc in (
       select uscc from check_names where name_norm in (select unnest(?))
     )) as e on e.uscc = n.uscc
     order by n.name_norm, n.uscc`,
    [names, names],
  );
  for (const r of rows) out.set(r.name_norm, [...(out.get(r.name_norm) ?? []), { uscc: r.uscc, name: r.name }]);
  return out;
}

interface Facts {
  name: string | null;
  lists: ListEntry[];
  flags: string[];
  public_penalties: PublicPenalty[];
  grade: string | null;
}

/** Up to this many USCCs are bound one parameter each; more travel as one string (askedUsccs). */
const USCC_PARAMS_UP_TO = 4;

/**
 * The IN list of asked USCCs and its parameters. A few are bound each as its own parameter, which DuckDB
 * answers by the index alone: for one or two USCCs half the time of the semi-join on the unnested string,
 * which it must build as a hash join; from about eight on the two cost the same (docs/benchmarks.md). Most
 * checks under load are batches of one to three (server/services/checkBatcher.ts).
 */
function askedUsccs(usccs: readonly string[]): [string, string[]] {
  if (usccs.length <= USCC_PARAMS_UP_TO) return [usccs.map(() => '?').join(', '), [...usccs]];
  return [`select unnest(string_split(?, ','))`, [usccs.join(',')]];
}

/**
 * Name, active list entries, flags, public penalties and grade of every USCC asked: one statement on
 * check_entities, which holds a check's whole answer per entity, narrowed to the asked USCCs, which the
 * build's index on its uscc answers (pipelines/build/build-indexes.ts). One statement instead of one per
 * mart: each DuckDB statement costs ≈ 0.5–1 ms of the two cores however small, and under 32 concurrent
 * checks that cost was most of a check's time (docs/benchmarks.md).
 */
async function factsOf(db: Db, usccs: readonly string[]): Promise<Map<string, Facts>> {
  if (!usccs.length) return new Map();
  const [asked, params] = askedUsccs(usccs);
  const rows = await db.all<{
    uscc: string;
    name: string | null;
    lists: ListEntry[] | null;
    flags: string[] | null;
    public_penalties: PublicPenalty[] | null;
    grade: string | null;
  }>(`select uscc, name, lists, flags, public_penalties, grade from check_entities where uscc in (${asked})`, params);
  const found = new Map(rows.map((r) => [r.uscc, r]));
  return new Map(
    usccs.map((uscc) => {
      const f = found.get(uscc);
      return [
        uscc,
        {
          name: f?.name ?? null,
          lists: f?.lists ?? [],
          flags: f?.flags ?? [],
          public_penalties: f?.public_penalties ?? [],
          grade: f?.grade ?? null,
        },
      ];
    }),
  );
}

/**
 * Similar names for names that resolve to nothing: register names (current or former) and names that
 * only records outside the register carry, by Jaro-Winkler similarity of the normalised names. Only the
 * first `max_names` such names of a batch get suggestions: each is compared with every name known.
 */
export async function suggestionsFor(
  db: Db,
  names: readonly string[],
  opts: Readonly<Config['checks']['suggestions']>,
): Promise<Map<string, Suggestion[]>> {
  const asked = names.slice(0, opts.max_names);
  const out = new Map<string, Suggestion[]>();
  if (!asked.length) return out;
  const rows = await db.all<Suggestion & { q: string }>(
    `with asked as (select distinct unnest(?) as q),
     known as (
       select name_norm, uscc, name,
         case when is_former_name then 'similar_former_name' else 'similar_register_name' end as why
       from check_names
       union all
       select name_norm, uscc, name, 'name_outside_register' from check_entities
       where not coalesce(is_registered, false) and name_norm is not null
     ),
     scored as (
       select asked.q, known.uscc, known.name, known.why,
         round(jaro_winkler_similarity(asked.q, known.name_norm), 3) as similarity
       from asked, known
       -- Jaro-Winkler of names more than 3 characters apart in length stays well below any useful threshold:
       -- the length test is cheap and spares most of the comparisons.
       where abs(length(asked.q) - length(known.name_norm)) <= 3
         and jaro_winkler_similarity(asked.q, known.name_norm) >= ?
       qualify row_number() over (partition by asked.q, known.uscc order by similarity desc, known.why) = 1
     )
     select q, uscc, name, similarity, why from scored
     qualify row_number() over (partition by q order by similarity desc, uscc) <= ?
     order by q, similarity desc, uscc`,
    [asked, opts.min_similarity, opts.per_name],
  );
  for (const { q, ...s } of rows) out.set(q, [...(out.get(q) ?? []), s]);
  return out;
}

export function verdictOf(f: Pick<Facts, 'lists' | 'flags' | 'public_penalties'>): Verdict {
  if (f.lists.some((l) => l.list === 'serious_list' || l.list === 'court_dishonest')) return 'restricted';
  return f.lists.length || f.flags.length || f.public_penalties.length ? 'caution' : 'clear';
}

const unresolved = (query: string, match: MatchKind) => ({
  query,
  match,
  uscc: null,
  name: null,
  lists: [],
  flags: [],
  public_penalties: [],
  measures: [],
  verdict: null,
  grade: null,
});

/** One result per subject, in the order given. */
export async function checkSubjects(db: Db, subjects: readonly Subject[], opts: CheckOptions): Promise<CheckResult[]> {
  const keyed = subjects.map(keyOf);
  const names = [...new Set(keyed.flatMap((k) => (k.kind === 'name' ? [k.nameNorm] : [])))];
  const carried = await namesCarried(db, names);
  // rules.md §1 first: a judgement counts only for a name no register record carries (docs/check.md).
  const judged = (nameNorm: string) => (carried.has(nameNorm) ? undefined : opts.reviewed?.confirmed.get(nameNorm));
  const resolvedUscc = (k: Keyed): string | null => {
    if (k.kind === 'uscc') return k.uscc;
    if (k.kind !== 'name') return null;
    const c = carried.get(k.nameNorm);
    return c?.length === 1 ? c[0]!.uscc : (judged(k.nameNorm)?.uscc ?? null);
  };
  const facts = await factsOf(db, [...new Set(keyed.map(resolvedUscc).filter((u): u is string => u !== null))]);
  const suggestions = await suggestionsFor(
    db,
    names.filter((n) => !carried.has(n) && !judged(n)),
    opts.config.checks.suggestions,
  );
  // A suggestion a reviewer rejected is not made again.
  const notRejected = (nameNorm: string, list: Suggestion[]) =>
    opts.reviewed ? list.filter((s) => !opts.reviewed!.rejected.has(pairKey(nameNorm, s.uscc))) : list;
  const catalogue = catalogueAt(opts.config, opts.asOf);

  return keyed.map((k, i): CheckResult => {
    const query = subjects[i]!.query;
    if (k.kind === 'invalid') return { ...unresolved(query, 'invalid'), error: k.error };
    const uscc = resolvedUscc(k);
    if (uscc === null) {
      const nameNorm = (k as { nameNorm: string }).nameNorm;
      const candidates = carried.get(nameNorm);
      if (candidates) return { ...unresolved(query, 'ambiguous'), candidates };
      return { ...unresolved(query, 'not_found'), suggestions: notRejected(nameNorm, suggestions.get(nameNorm) ?? []) };
    }
    const f = facts.get(uscc) ?? { name: null, lists: [], flags: [], public_penalties: [], grade: null };
    const kinds = new Set([...f.lists.map((l) => l.list), ...f.flags]);
    return {
      query,
      match: k.kind,
      uscc,
      name: f.name,
      lists: f.lists,
      flags: f.flags,
      public_penalties: f.public_penalties,
      measures: measuresFor(catalogue, kinds),
      verdict: verdictOf(f),
      ...(k.kind === 'name' ? reviewedBy(judged(k.nameNorm)) : {}),
      grade: f.grade,
    };
  });
}

/** Only a name resolved by a judgement says so: one the register resolves answers as it always did. */
function reviewedBy(j: { id: string; decided_by: string; decided_at: string } | undefined): Partial<CheckResult> {
  if (!j) return {};
  return { resolved_by: 'review', judgement: { id: j.id, decided_by: j.decided_by, decided_at: j.decided_at } };
}
