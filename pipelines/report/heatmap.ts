/** The sector heatmap of a published build as SVG (HTML) and PNG (DOCX). */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';
import { DEFAULT_REFERENCE_DIR, referencePath } from '../../lib/reference/files.js';
import { poolRegions, sectorHeatmap, type HeatmapRow } from './charts/sectorHeatmap.js';
import { rasterise, type Png } from './charts/rasterise.js';
import { chineseDate } from './period.js';

export interface HeatmapImage {
  svg: string;
  png: Png;
}

/** GB/T 4754 section names from the shipped reference file, so a reader sees 制造业 and not C. */
export function sectionNames(dir = DEFAULT_REFERENCE_DIR): Map<string, string> {
  const rows = parse(readFileSync(referencePath(dir, 'sections'), 'utf8'), { columns: true, bom: true }) as Array<{
    section: string;
    name: string;
  }>;
  return new Map(rows.map((r) => [r.section.trim(), r.name.trim()]));
}

/** `rowHeight` in px: the circular's figure uses flatter rows so it fits the page under the results. */
export async function heatmapImage(db: Db, asOf: string, width = 720, rowHeight = 22): Promise<HeatmapImage | null> {
  const rows: HeatmapRow[] = await queryDb(db)
    .selectFrom('sector_heatmap')
    .select(['sector', 'region_code', 'month', 'events', 'enterprises'])
    .$narrowType<{ month: NotNull; events: NotNull; enterprises: NotNull }>()
    .execute();
  if (rows.length === 0) return null;
  const names = sectionNames();
  const cells = poolRegions(rows).map((c) => ({
    ...c,
    sector: names.has(c.sector) ? `${c.sector} ${names.get(c.sector)}` : c.sector,
  }));
  const svg = sectorHeatmap(cells, {
    title: `行业门类计入事件热力图（截至${chineseDate(asOf)}）`,
    width,
    rowHeight,
  });
  return { svg, png: rasterise(svg) };
}
