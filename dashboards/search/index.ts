/** The search results page and the API answer, from the published build's entity_search mart. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { searchBody } from './page.js';
import { searchEntities, type SearchQuery } from './query.js';

export const SEARCH_PAGE_SIZE = 20;

export async function searchView(db: Db, params: { query: SearchQuery; page: number }, lang: Lang): Promise<PageView> {
  const offset = (params.page - 1) * SEARCH_PAGE_SIZE;
  const r = await searchEntities(db, params.query, { limit: SEARCH_PAGE_SIZE, offset });
  return {
    title: t(lang, '搜索'),
    body: searchBody({ query: params.query, total: r.total, rows: r.rows, offset, limit: SEARCH_PAGE_SIZE, lang }),
    rows: r.rows.length,
  };
}
