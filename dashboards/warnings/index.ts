/** The warnings page: the counts by kind, level and status, then the filtered list, paged. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { warningsBody } from './page.js';
import { warningCounts, warningList, type WarningFilter } from './query.js';

export const WARNINGS_PAGE_SIZE = 50;

export interface WarningsParams {
  filter: WarningFilter;
  /** The filter and page as query parameters, for the page's links. */
  query: Record<string, string | null>;
  /** 1-based. */
  page: number;
  /** A department user's own department: only its warnings are listed and counted. */
  department: string | null;
  asOf: string;
}

export async function warningsView(db: Db, params: WarningsParams, lang: Lang): Promise<PageView> {
  const { filter, query } = params;
  const offset = (params.page - 1) * WARNINGS_PAGE_SIZE;
  const list = await warningList(db, filter, { limit: WARNINGS_PAGE_SIZE, offset }, params.department);
  return {
    title: t(lang, '预警'),
    body: warningsBody({
      filter,
      query,
      counts: await warningCounts(db, params.department),
      total: list.total,
      rows: list.rows,
      offset,
      limit: WARNINGS_PAGE_SIZE,
      lang,
      asOf: params.asOf,
    }),
  };
}
