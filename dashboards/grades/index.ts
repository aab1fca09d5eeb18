/** The 信用分级 page (the grade heatmap and the 双随机 choices) and the entities of one of its cells. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { cellBody, gradesBody, SHOWN, type GradeShow } from './page.js';
import { cellGrades, gradeDistribution, inspectionDepartments, inspectionRatios } from './query.js';

export async function gradesView(
  db: Db,
  params: { show: GradeShow; min: number; drill: boolean; department: string | null },
  lang: Lang,
): Promise<PageView> {
  const { show, min, drill, department } = params;
  // A department user downloads its own department's list only; others choose among the departments.
  const departments = !drill ? [] : department !== null ? [department] : await inspectionDepartments(db);
  return {
    title: t(lang, '信用分级分类监管'),
    body: gradesBody(await gradeDistribution(db), {
      lang,
      show,
      min,
      drill,
      ratios: await inspectionRatios(db),
      departments,
    }),
  };
}

export async function gradeCellView(
  db: Db,
  cell: { sector: string; region: string | null },
  show: GradeShow,
  lang: Lang,
): Promise<PageView> {
  return { title: t(lang, '信用分级明细'), body: cellBody(cell, show, await cellGrades(db, cell, SHOWN[show]), lang) };
}
