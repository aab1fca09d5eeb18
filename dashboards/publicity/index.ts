/** The publicity-quality page: a month's department ranking (the latest month unless asked) and the trend. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { publicityBody } from './page.js';
import { departmentRanking, indicatorRows, monthlyPublicity, publicityMonths } from './query.js';

export async function publicityView(db: Db, params: { month: string | null }, lang: Lang): Promise<PageView> {
  const months = await publicityMonths(db);
  const m = params.month ?? months[0] ?? null;
  return {
    title: t(lang, '双公示质量'),
    body: publicityBody(
      {
        month: m,
        months,
        ranking: m ? await departmentRanking(db, m) : [],
        monthly: await monthlyPublicity(db),
        indicators: await indicatorRows(db),
      },
      lang,
    ),
  };
}
