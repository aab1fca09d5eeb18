/**
 * The sector heatmap for documents: events per 100 active entities by GB/T 4754 section and month,
 * all regions pooled (a printed page has no room for every township). Pure: rows in, SVG text out.
 */
import * as Plot from '@observablehq/plot';
import { CHART_FONT, outerHtml, serverDocument } from '../../../lib/plotDocument.js';
import type { SectorHeatmapRow } from '../../../lib/kysely/martTypes.js';
import type { Present } from '../../../lib/kysely/present.js';

/** A row of the sector_heatmap mart; its grain's month and counts are always there. */
export type HeatmapRow = Present<Omit<SectorHeatmapRow, 'rate_per_100'>, 'month' | 'events' | 'enterprises'>;

export interface HeatmapCell {
  sector: string;
  month: string;
  events: number;
  enterprises: number;
  rate: number | null;
}

export function poolRegions(rows: readonly HeatmapRow[]): HeatmapCell[] {
  const cells = new Map<string, HeatmapCell>();
  for (const r of rows) {
    const sector = r.sector ?? '未知';
    const key = `${sector}|${r.month}`;
    const c = cells.get(key) ?? { sector, month: r.month, events: 0, enterprises: 0, rate: null };
    c.events += r.events;
    c.enterprises += r.enterprises;
    cells.set(key, c);
  }
  for (const c of cells.values()) c.rate = c.enterprises > 0 ? (c.events * 100) / c.enterprises : null;
  return [...cells.values()].sort((a, b) =>
    a.sector === b.sector ? (a.month < b.month ? -1 : 1) : a.sector < b.sector ? -1 : 1,
  );
}

export function sectorHeatmap(
  cells: readonly HeatmapCell[],
  opts: { title: string; width?: number; rowHeight?: number },
): string {
  const sectors = [...new Set(cells.map((c) => c.sector))];
  const node = Plot.plot({
    document: serverDocument(),
    width: opts.width ?? 720,
    height: 80 + sectors.length * (opts.rowHeight ?? 22),
    marginLeft: Math.min(240, 16 + 11 * Math.max(...sectors.map((x) => x.length))),
    marginBottom: 64,
    style: { fontFamily: CHART_FONT, fontSize: '11px', background: 'white' },
    x: { type: 'band', label: '月份', tickRotate: -30, labelOffset: 58 },
    y: { label: null, domain: sectors },
    // One hue, light to dark, for a rate (STYLE.md 15): the four warning colours stay reserved for levels.
    color: { type: 'linear', scheme: 'blues', label: '每百户事件数', legend: false, unknown: '#eeeeee' },
    marks: [
      Plot.cell(cells, { x: 'month', y: 'sector', fill: 'rate', inset: 0.5 }),
      Plot.text(cells, {
        x: 'month',
        y: 'sector',
        text: (d: HeatmapCell) => (d.events > 0 ? String(d.events) : ''),
        fill: (d: HeatmapCell) => ((d.rate ?? 0) > maxRate(cells) * 0.6 ? 'white' : 'black'),
        fontSize: 9,
      }),
    ],
  });
  // linkedom leaves out the namespace, which a standalone SVG (and so the rasteriser) needs.
  return outerHtml(node).replace(
    /<svg(?![^>]*xmlns=)([^>]*)>/,
    (_m, attrs: string) => `<svg xmlns="http://www.w3.org/2000/svg"${attrs}><title>${escapeXml(opts.title)}</title>`,
  );
}

function maxRate(cells: readonly HeatmapCell[]): number {
  return Math.max(0, ...cells.map((c) => c.rate ?? 0));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
