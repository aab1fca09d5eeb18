/** The violators page: one kind of violator list, filtered and paged, with the counts of every kind. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { violatorsBody } from './page.js';
import { domainLabels, filterChoices, violatorCounts, violators, type ViolatorFilter } from './query.js';

export const VIOLATORS_PAGE_SIZE = 50;

export interface ViolatorsParams {
  filter: ViolatorFilter;
  /** The filter and page as query parameters, for the page's links. */
  query: Record<string, string | null>;
  /** 1-based. */
  page: number;
}

export async function violatorsView(db: Db, params: ViolatorsParams, lang: Lang): Promise<PageView> {
  const { filter, query } = params;
  const offset = (params.page - 1) * VIOLATORS_PAGE_SIZE;
  const result = await violators(db, filter, { limit: VIOLATORS_PAGE_SIZE, offset });
  const counts = await violatorCounts(db);
  return {
    title: t(lang, '违法主体'),
    body: violatorsBody({
      filter,
      query,
      total: result.total,
      rows: result.rows,
      offset,
      limit: VIOLATORS_PAGE_SIZE,
      choices: await filterChoices(db),
      domainLabels: await domainLabels(db),
      counts,
      lang,
    }),
  };
}
