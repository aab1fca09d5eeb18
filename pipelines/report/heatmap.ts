/** The sector heatmap of a published build as SVG (HTML) and PNG (DOCX). */
import type { Db } from '../../lib/db.js';
import { poolRegions, sectorHeatmap, type HeatmapRow } from './charts/sectorHeatmap.js';
import { rasterise, type Png } from './charts/rasterise.js';
import { chineseDate } from './period.js';

export interface HeatmapImage {
  svg: string;
  png: Png;
}

export async function heatmapImage(db: Db, asOf: string, width = 720): Promise<HeatmapImage | null> {
  const rows = await db.all<HeatmapRow>('select sector, region_code, month, events, enterprises from sector_heatmap');
  if (rows.length === 0) return null;
  const cells = poolRegions(rows);
  const svg = sectorHeatmap(cells, { title: `行业门类计入事件热力图（截至${chineseDate(asOf)}）`, width });
  return { svg, png: rasterise(svg) };
}
