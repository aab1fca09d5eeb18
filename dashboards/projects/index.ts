/** The key-projects board and one project's page. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { projectBody, projectsBody } from './page.js';
import { projectBoard, projectDetail } from './query.js';

/** `drill`: links to the project pages and their parties (not for leaders). */
export async function projectsView(db: Db, lang: Lang, drill = true): Promise<PageView> {
  return { title: t(lang, '重点项目'), body: projectsBody(await projectBoard(db), lang, drill) };
}

/** Null when the build has no such project. */
export async function projectView(db: Db, params: { id: string }, lang: Lang): Promise<PageView | null> {
  const d = await projectDetail(db, params.id);
  if (!d.project) return null;
  return { title: d.project.project_name, body: projectBody({ ...d, project: d.project }, lang) };
}
