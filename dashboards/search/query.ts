/**
 * 搜索: entities by USCC (whole, or a prefix of at least 6 characters), by name (rules.md §1 `norm`,
 * substring) and by another name the register delivered for the USCC (曾用名), from the entity_search mart.
 */
import type { Db } from '../../lib/db.js';
import { HttpError } from '../../lib/errors.js';
import { norm } from '../../lib/validate/text.js';
import { USCC_CHARSET } from '../../lib/validate/uscc.js';
import { HEAP_MAX, HIT_COLUMNS, type PageRow } from './hits.js';
import { indexedPage } from './indexed.js';

export { HEAP_MAX } from './hits.js';

export const MIN_PREFIX = 6;
export const MIN_NAME = 2;
export const MAX_QUERY = 100;

const CODE_SHAPE = new RegExp(`^[${USCC_CHARSET}]{${MIN_PREFIX},18}$`);

export interface SearchQuery {
  /** As typed, trimmed: what the page shows back. */
  text: string;
  /** `norm` of the text: a substring of the names it matches. */
  name: string;
  /** The text as a USCC or a prefix of one (upper case), when it has that shape. */
  code: string | null;
}

/** The query as the search reads it; a 400 naming what is wrong when there is nothing to look for. */
export function parseSearch(text: string): SearchQuery {
  const trimmed = text.trim();
  // Control characters mean nothing in a name, and U+001F separates the names of search_text.
  const name = norm(trimmed).replace(/\p{Cc}/gu, '');
  if (name === '') throw new HttpError(400, 'bad_query', '请输入统一社会信用代码或名称');
  if (name.length > MAX_QUERY) throw new HttpError(400, 'bad_query', `搜索内容不能超过 ${MAX_QUERY} 个字符`);
  const upper = name.toUpperCase();
  const code = CODE_SHAPE.test(upper) ? upper : null;
  if (code === null && name.length < MIN_NAME)
    throw new HttpError(400, 'bad_query', `名称至少输入 ${MIN_NAME} 个字，代码至少输入前 ${MIN_PREFIX} 位`);
  return { text: trimmed, name, code };
}

// One condition for the page of hits and for their count. A whole USCC is looked up as a code only: no
// name holds 18 characters of a USCC. search_text is the name and the former names after norm.
const MATCHES = `(starts_with(s.uscc, ?1) or (not ?3 and contains(s.search_text, ?2)))`;

export type MatchKind = 'uscc' | 'uscc_prefix' | 'name' | 'former_name';

export interface SearchHit {
  uscc: string;
  name: string;
  matched_by: MatchKind;
  /** The register's other names that contain the query (empty unless matched_by is former_name or name). */
  former_names: string[];
  registration_status: string | null;
  is_active: boolean;
  region_code: string | null;
  lists: string[];
  flags: string[];
  /** The credit grade (docs/rules.md "Credit grades"); null when not an active register entity. */
  grade: string | null;
}

export interface SearchResult {
  total: number;
  rows: SearchHit[];
}

const RANKS: readonly MatchKind[] = ['uscc', 'uscc_prefix', 'name', 'name', 'name', 'former_name'];

/** The parameters of MATCHES and the rank, by number: ?1 the code, ?2 the name, ?3 whether the code is whole. */
const params = (q: SearchQuery) => [q.code, q.name, q.code?.length === 18] as const;

const RANK = `case
    when s.uscc = ?1 then 0
    when starts_with(s.uscc, ?1) then 1
    when s.name_norm = ?2 then 2
    when starts_with(s.name_norm, ?2) then 3
    when contains(s.name_norm, ?2) then 4
    else 5
  end`;

/**
 * The page in one pass over the matches: their count, and the first offset + limit of their order keys (rank
 * and name_order in one BIGINT) kept by min(key, n) in a bounded heap. A short query matches most of a city
 * (“有限” 200,000 entities): materialising every hit and sorting it for 20 rows was most of such a search.
 */
const PAGE_BY_HEAP = `with agg as (
    select count(*)::integer as total, min((${RANK})::bigint * 4294967296 + s.name_order, ?4 + ?5) as keys
    from entity_search as s
    where ${MATCHES}
  ),
  page as (select total, unnest(keys[?5 + 1:]) as key from agg)
  select ${HIT_COLUMNS}, (page.key // 4294967296)::integer as rank, page.total
  from page join entity_search as s on s.name_order = (page.key % 4294967296)::integer
  order by page.key`;

/** Pages deeper than HEAP_MAX: the hits' order keys kept once, counted, sorted, the page joined back. */
const PAGE_BY_SORT = `with hits as materialized (
    select s.name_order, ${RANK} as rank from entity_search as s where ${MATCHES}
  ),
  page as (select * from hits order by rank, name_order limit ?4 offset ?5)
  select ${HIT_COLUMNS}, page.rank, (select count(*) from hits)::integer as total
  from page join entity_search as s on s.name_order = page.name_order
  order by page.rank, page.name_order`;

/**
 * Matches, best first: the USCC itself, a USCC prefix, the name itself, a name starting with the query,
 * a name containing it, then a former name containing it; ties by name, then USCC. Read from the build's
 * search indexes when they can answer (indexedPage), else by a scan of entity_search: the same page.
 */
export async function searchEntities(
  db: Db,
  q: SearchQuery,
  page: { limit: number; offset: number },
): Promise<SearchResult> {
  const rows = (await indexedPage(db, q, page)) ?? (await scannedPage(db, q, page));
  return finishPage(db, q, page, rows);
}

/** The same page by a scan of entity_search only: what the indexes must agree with (and a build without them). */
export async function searchEntitiesByScan(
  db: Db,
  q: SearchQuery,
  page: { limit: number; offset: number },
): Promise<SearchResult> {
  return finishPage(db, q, page, await scannedPage(db, q, page));
}

function scannedPage(db: Db, q: SearchQuery, page: { limit: number; offset: number }): Promise<PageRow[]> {
  return db.all<PageRow>(page.offset + page.limit <= HEAP_MAX ? PAGE_BY_HEAP : PAGE_BY_SORT, [
    ...params(q),
    page.limit,
    page.offset,
  ]);
}

async function finishPage(
  db: Db,
  q: SearchQuery,
  page: { limit: number; offset: number },
  rows: PageRow[],
): Promise<SearchResult> {
  // A page past the last has no row to carry the count.
  const total = rows[0]?.total ?? (page.offset > 0 ? await countHits(db, q) : 0);
  const grades = await gradesOf(
    db,
    rows.map((r) => r.uscc),
  );
  return {
    total,
    rows: rows.map(({ rank, former_names, former_names_norm, ...hit }) => ({
      uscc: hit.uscc,
      name: hit.name,
      matched_by: RANKS[rank] ?? 'former_name',
      // Only the former names the query is in: the few rows of a page, after the scan.
      former_names: former_names.filter((_, i) => former_names_norm[i]?.includes(q.name)),
      registration_status: hit.registration_status,
      is_active: hit.is_active,
      region_code: hit.region_code,
      lists: hit.lists,
      flags: hit.flags,
      grade: grades.get(hit.uscc) ?? null,
    })),
  };
}

/** The credit grades of a page's entities (a build from before credit grades has none). */
async function gradesOf(db: Db, usccs: readonly string[]): Promise<Map<string, string>> {
  if (!usccs.length) return new Map();
  const [has] = await db.all<{ n: number }>(
    `select count(*)::integer as n from duckdb_tables() where database_name = current_database() and table_name = 'credit_grades'`,
  );
  if (!has?.n) return new Map();
  const rows = await db.all<{ uscc: string; grade: string }>(
    `select uscc, grade from credit_grades where uscc in (select unnest(?))`,
    [usccs],
  );
  return new Map(rows.map((r) => [r.uscc, r.grade]));
}

async function countHits(db: Db, q: SearchQuery): Promise<number> {
  const [r] = await db.all<{ n: number }>(`select count(*)::integer as n from entity_search as s where ${MATCHES}`, [
    ...params(q),
  ]);
  return r?.n ?? 0;
}
