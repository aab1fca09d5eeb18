/** The overview page: its query rendered; leaders see no entity lists. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { overviewBody } from './page.js';
import { overviewData } from './query.js';

export async function overviewView(
  db: Db,
  params: { entityLists: boolean; department: string | null },
  lang: Lang,
): Promise<PageView> {
  return {
    title: t(lang, '总览'),
    body: overviewBody(await overviewData(db, params.department), { entityLists: params.entityLists, lang }),
  };
}
