/** The 表头映射 page's entry: the review of unknown headers, laid out with the confirm forms. */
import type { Lang } from '../ui/i18n.js';
import { t } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { headersBody } from './page.js';
import { headersReview } from './query.js';

export interface HeadersParams {
  mappingFile: string;
  csrf: string;
  notice: string | null;
  error: string | null;
}

export function headersView(dataDir: string, params: HeadersParams, lang: Lang): PageView {
  const review = headersReview(dataDir, params.mappingFile);
  return {
    title: t(lang, '表头映射'),
    body: headersBody({ ...review, ...params, lang }),
    rows: review.rows.length,
  };
}
