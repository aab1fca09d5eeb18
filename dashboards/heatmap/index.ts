/** The heatmap page (by township or by month) and the enterprises of one of its cells. */
import type { Db } from '../../lib/db.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { cellBody, heatmapBody, type HeatMeasure } from './page.js';
import { cellEnterprises, heatmapCells, heatmapMonths, type HeatmapView } from './query.js';

export async function heatmapView(
  db: Db,
  params: { view: HeatmapView; drill: boolean; measure: HeatMeasure; min: number },
  lang: Lang,
): Promise<PageView> {
  const { view, drill, measure, min } = params;
  return {
    title: t(lang, '行业热力图'),
    body: heatmapBody(view, await heatmapCells(db, view), {
      drill,
      months: await heatmapMonths(db),
      lang,
      measure,
      min,
    }),
  };
}

/** A cell: a sector, and a township or a month (null: the whole row of that view). */
export interface HeatmapCell {
  sector: string;
  region: string | null;
  month: string | null;
}

export async function heatmapCellView(db: Db, cell: HeatmapCell, lang: Lang): Promise<PageView> {
  return { title: t(lang, '热力图明细'), body: cellBody(cell, await cellEnterprises(db, cell), lang) };
}
