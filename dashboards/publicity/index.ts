/**
 * The publicity-quality page: a month's department ranking and the trend. Unless asked, the month is the one
 * the department warnings judge (the last month that ended before the as-of), so a warning and the ranking
 * it points to agree; a build without that month shows its latest.
 */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import { judgedMonth } from '../ui/months.js';
import type { PageView } from '../ui/pageView.js';
import { publicityBody } from './page.js';
import { departmentRanking, indicatorRows, monthlyPublicity, publicityMonths } from './query.js';

/** The month the page opens on (months: newest first). */
export function shownMonth(months: readonly string[], asOf: string): string | null {
  const judged = judgedMonth(asOf);
  return months.includes(judged) ? judged : (months[0] ?? null);
}

/** `department`: a department user's own department, whose rows alone are shown (lib/auth/scope.ts). */
export async function publicityView(
  db: Db,
  params: { month: string | null; department: string | null; asOf: string; returns: boolean },
  lang: Lang,
): Promise<PageView> {
  const { department } = params;
  const months = await publicityMonths(db, department);
  const m = params.month ?? shownMonth(months, params.asOf);
  return {
    title: t(lang, '双公示质量'),
    body: publicityBody(
      {
        month: m,
        months,
        judged: judgedMonth(params.asOf),
        ranking: m ? await departmentRanking(db, m, department) : [],
        monthly: await monthlyPublicity(db, department),
        indicators: await indicatorRows(db),
        exportQuery: { month: params.month },
        returns: params.returns ? (department ?? '') : null,
      },
      lang,
    ),
  };
}
