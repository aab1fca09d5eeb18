/** The publicity-quality page: a month's department ranking (the latest month unless asked) and the trend. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { publicityBody } from './page.js';
import { departmentRanking, indicatorRows, monthlyPublicity, publicityMonths } from './query.js';

/** `department`: a department user's own department, whose rows alone are shown (lib/auth/scope.ts). */
export async function publicityView(
  db: Db,
  params: { month: string | null; department: string | null },
  lang: Lang,
): Promise<PageView> {
  const { department } = params;
  const months = await publicityMonths(db, department);
  const m = params.month ?? months[0] ?? null;
  return {
    title: t(lang, '双公示质量'),
    body: publicityBody(
      {
        month: m,
        months,
        ranking: m ? await departmentRanking(db, m, department) : [],
        monthly: await monthlyPublicity(db, department),
        indicators: await indicatorRows(db),
      },
      lang,
    ),
  };
}
