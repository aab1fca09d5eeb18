/**
 * The search by the build's indexes (models/marts/search: entity_search_codes, entity_search_suffixes,
 * entity_search_grams): the same page as the scan of entity_search (query.ts), from the rows of the hits
 * only. A USCC or a prefix of one is one range of base-31 keys; a name query is the range of suffixes
 * that start with it, ranked from where each starts (the name itself, the start of the name, inside it,
 * a former name). Answers null — the caller scans — when the build has no indexes, when the query's
 * range of suffixes would be most of the city and the query is too long for the answers kept for such
 * queries (entity_search_frequent), and for pages deeper than the indexes keep.
 */
import type { Db } from '../../lib/db.js';
import { USCC_CHARSET } from '../../lib/validate/uscc.js';
import { HEAP_MAX, HIT_COLUMNS, type PageRow } from './hits.js';
import type { SearchQuery } from './query.js';

export const INDEX_TABLES = [
  'entity_search_codes',
  'entity_search_suffixes',
  'entity_search_grams',
  'entity_search_frequent',
] as const;

/**
 * The longest query entity_search_frequent answers (its model's range(2, 5)). A range of suffixes that
 * starts with a frequent gram is most of the city (厦门: 500,000 suffixes, ~110 ms to read on the city
 * build, where the scan takes ~60 ms): short queries come from that table, longer ones from the scan.
 */
export const FREQUENT_MAX_LENGTH = 4;

const BASE = BigInt(USCC_CHARSET.length);

/** The keys of the USCCs starting with code, as entity_search_codes computes them: [first, last]. */
export function codeRange(code: string): [string, string] {
  let lo = 0n;
  let hi = 0n;
  for (let i = 0; i < 18; i++) {
    const digit = i < code.length ? BigInt(USCC_CHARSET.indexOf(code[i]!)) : null;
    lo = lo * BASE + (digit ?? 0n);
    hi = hi * BASE + (digit ?? BASE - 1n);
  }
  return [lo.toString(), hi.toString()];
}

/**
 * The least string after every string that starts with text: its last character's successor (UTF-8
 * keeps code point order, and DuckDB compares VARCHAR by bytes). Null when there is none to write.
 */
export function after(text: string): string | null {
  const chars = [...text];
  const last = chars.pop()!.codePointAt(0)!;
  const next = last === 0xd7ff ? 0xe000 : last + 1;
  return next > 0x10ffff ? null : chars.join('') + String.fromCodePoint(next);
}

const hasIndexes = new WeakMap<Db, boolean>();

async function indexed(db: Db): Promise<boolean> {
  let has = hasIndexes.get(db);
  if (has === undefined) {
    const n = await db.value<number>(
      `select count(*)::integer from duckdb_tables()
       where database_name = current_database() and schema_name = 'main' and table_name in (select unnest(?))`,
      [[...INDEX_TABLES]],
    );
    has = n === INDEX_TABLES.length;
    hasIndexes.set(db, has);
  }
  return has;
}

// ?1 ?2 the code's key range, ?3 the code, ?4 the name, ?5 the string after it (?4 = ?5 = '' reads no
// suffix), ?6 limit, ?7 offset. The ranks and the order keys are those of query.ts's RANK and PAGE_BY_HEAP.
const PAGE_BY_INDEX = `with code_hits as (
    select name_order, case when uscc = ?3 then 0 else 1 end as rank
    from entity_search_codes where uscc_key between ?1::hugeint and ?2::hugeint
    union all
    select name_order, case when uscc = ?3 then 0 else 1 end as rank
    from entity_search_codes where uscc_key is null and starts_with(uscc, ?3)
  ),
  name_hits as (
    select name_order, min(case
        when field = 0 and pos = 0 and text_len = length(?4) then 2
        when field = 0 and pos = 0 then 3
        when field = 0 then 4
        else 5
      end) as rank
    from entity_search_suffixes
    where suffix >= ?4 and suffix < ?5 and starts_with(suffix, ?4)
    group by name_order
  ),
  hits as (
    select name_order, min(rank) as rank
    from (select * from code_hits union all select * from name_hits)
    group by name_order
  ),
  agg as (select count(*)::integer as total, min(rank::bigint * 4294967296 + name_order, ?6 + ?7) as keys from hits),
  page as (select total, unnest(keys[?7 + 1:]) as key from agg)
  select ${HIT_COLUMNS}, (page.key // 4294967296)::integer as rank, page.total
  from page join entity_search as s on s.name_order = (page.key % 4294967296)::integer
  order by page.key`;

// A short query starting with a frequent gram: its kept order keys ?1, the page ?2 ?3, its count ?4.
const PAGE_BY_KEPT_KEYS = `with page as (select unnest(list_slice(?1::bigint[], ?3 + 1, ?3 + ?2)) as key)
  select ${HIT_COLUMNS}, (page.key // 4294967296)::integer as rank, ?4::integer as total
  from page join entity_search as s on s.name_order = (page.key % 4294967296)::integer
  order by page.key`;

/** The page from the indexes, or null when the scan must answer (see the module's comment). */
export async function indexedPage(
  db: Db,
  q: SearchQuery,
  page: { limit: number; offset: number },
): Promise<PageRow[] | null> {
  if (page.offset + page.limit > HEAP_MAX || !(await indexed(db))) return null;
  // A whole USCC is looked up as a code only, as the scan does.
  let name = '';
  let upTo = '';
  if (q.code?.length !== 18) {
    const chars = [...q.name];
    const next = after(q.name);
    // A one-character query (one astral character passes MIN_NAME) has no suffix of its length here.
    if (chars.length < 2 || next === null) return null;
    const frequent = await db.value<boolean>(
      `select coalesce(bool_or(frequent), false) from entity_search_grams where gram = ?`,
      [chars.slice(0, 2).join('')],
    );
    if (frequent) return q.code === null && chars.length <= FREQUENT_MAX_LENGTH ? keptPage(db, q, page) : null;
    [name, upTo] = [q.name, next];
  }
  const [lo, hi] = q.code === null ? [null, null] : codeRange(q.code);
  return db.all<PageRow>(PAGE_BY_INDEX, [lo, hi, q.code, name, upTo, page.limit, page.offset]);
}

/** A page of a short query that starts with a frequent gram, from its kept keys; null past their depth. */
async function keptPage(db: Db, q: SearchQuery, page: { limit: number; offset: number }): Promise<PageRow[] | null> {
  const [kept] = await db.all<{ total: number; keys: number[] }>(
    `select total, keys from entity_search_frequent where query = ?`,
    [q.name],
  );
  if (!kept) return [];
  if (page.offset + page.limit > kept.keys.length && kept.total > kept.keys.length) return null;
  return db.all<PageRow>(PAGE_BY_KEPT_KEYS, [kept.keys.map(String), page.limit, page.offset, kept.total]);
}
