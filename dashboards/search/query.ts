/**
 * 搜索: entities by USCC (whole, or a prefix of at least 6 characters), by name (rules.md §1 `norm`,
 * substring) and by another name the register delivered for the USCC (曾用名), from the entity_search mart.
 */
import type { Db } from '../../lib/db.js';
import { HttpError } from '../../lib/errors.js';
import { norm } from '../../lib/validate/text.js';
import { USCC_CHARSET } from '../../lib/validate/uscc.js';

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
  const name = norm(trimmed);
  if (name === '') throw new HttpError(400, 'bad_query', '请输入统一社会信用代码或名称');
  if (name.length > MAX_QUERY) throw new HttpError(400, 'bad_query', `搜索内容不能超过 ${MAX_QUERY} 个字符`);
  const upper = name.toUpperCase();
  const code = CODE_SHAPE.test(upper) ? upper : null;
  if (code === null && name.length < MIN_NAME)
    throw new HttpError(400, 'bad_query', `名称至少输入 ${MIN_NAME} 个字，代码至少输入前 ${MIN_PREFIX} 位`);
  return { text: trimmed, name, code };
}

// One condition for the page of hits and for their count.
const PARAMS = `p as (select ?::varchar as code, ?::varchar as name)`;
const MATCHES = `coalesce(starts_with(s.uscc, p.code), false)
  or contains(s.name_norm, p.name)
  or len(list_filter(s.former_names_norm, x -> contains(x, p.name))) > 0`;

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
}

export interface SearchResult {
  total: number;
  rows: SearchHit[];
}

/**
 * Matches, best first: the USCC itself, a USCC prefix, the name itself, a name starting with the query,
 * a name containing it, then a former name containing it; ties by name, then USCC.
 */
export async function searchEntities(
  db: Db,
  q: SearchQuery,
  page: { limit: number; offset: number },
): Promise<SearchResult> {
  const rows = await db.all<SearchHit & { rank: number; total: number }>(
    `with ${PARAMS},
     hits as (
       select s.*,
         case
           when s.uscc = p.code then 0
           when starts_with(s.uscc, p.code) then 1
           when s.name_norm = p.name then 2
           when starts_with(s.name_norm, p.name) then 3
           when contains(s.name_norm, p.name) then 4
           else 5
         end as rank,
         list_filter(s.former_names, (x, i) -> contains(s.former_names_norm[i], p.name)) as matched_former
       from entity_search as s, p
       where ${MATCHES}
     )
     select uscc, name,
       case when rank = 0 then 'uscc' when rank = 1 then 'uscc_prefix' when rank < 5 then 'name' else 'former_name' end
         as matched_by,
       matched_former as former_names, registration_status, is_active, region_code, lists, flags, rank,
       count(*) over () as total
     from hits
     order by rank, name_norm, uscc
     limit ? offset ?`,
    [q.code, q.name, page.limit, page.offset],
  );
  const total = rows[0] ? Number(rows[0].total) : page.offset > 0 ? await countHits(db, q) : 0;
  return { total, rows: rows.map(({ rank: _rank, total: _total, ...hit }) => hit) };
}

/** The number of matches, for a page past the last one (which has no row to carry the count). */
async function countHits(db: Db, q: SearchQuery): Promise<number> {
  const [r] = await db.all<{ n: number }>(
    `with ${PARAMS} select count(*)::integer as n from entity_search as s, p where ${MATCHES}`,
    [q.code, q.name],
  );
  return r?.n ?? 0;
}
