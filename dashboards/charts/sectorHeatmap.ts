/**
 * 行业热力图: GB/T 4754 section (rows) × township or month (columns), coloured by counted events per 100
 * active enterprises. Each cell links to the enterprises behind it when a link is given, so a click
 * drills down without any script.
 */
import * as Plot from '@observablehq/plot';
import { count, t, type Lang } from '../ui/i18n.js';
import { CHART_FONT, outerHtml, serverDocument } from '../../lib/plotDocument.js';
import { RATE_SCHEME } from './palette.js';

export interface HeatCell {
  row: string;
  column: string;
  events: number;
  enterprises: number;
  rate: number | null;
  href?: string | null;
}

export interface HeatmapOptions {
  columnLabel: string;
  width?: number;
  /** Column order (townships by name, months in time order); the rows' order is the caller's. */
  columns?: readonly string[];
  rows?: readonly string[];
  lang?: Lang;
}

const textWidth = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\uffff]/.test(c) ? 12 : 7), 0);

const rateText = (r: number | null) => (r === null ? '—' : r.toFixed(r >= 10 ? 0 : 1));

export function sectorHeatmap(cells: readonly HeatCell[], opts: HeatmapOptions): string {
  const lang = opts.lang ?? 'zh';
  const rows = opts.rows ?? [...new Set(cells.map((c) => c.row))];
  const columns = opts.columns ?? [...new Set(cells.map((c) => c.column))];
  // A CJK character is about one em (12 px) wide, a digit or Latin letter about 7 px.
  const longest = Math.max(24, ...rows.map(textWidth));
  const longestColumn = Math.max(24, ...columns.map(textWidth));
  const marginLeft = Math.min(260, longest + 14);
  const rotate = columns.length > 14;
  const columnWidth = rotate ? 40 : Math.max(46, Math.min(120, longestColumn + 12));
  const svg = Plot.plot({
    document: serverDocument(),
    width: opts.width ?? marginLeft + columns.length * columnWidth + 20,
    height: (rotate ? longestColumn * 0.7 : 0) + 70 + rows.length * 24,
    marginLeft,
    marginTop: (rotate ? longestColumn * 0.7 : 0) + 44,
    marginBottom: 10,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { axis: 'top', domain: columns, label: opts.columnLabel, tickRotate: rotate ? -40 : 0 },
    y: { domain: rows, label: null },
    // Quantized steps: easier to read than a continuous ramp, and their legend needs no canvas on the server.
    color: {
      type: 'quantize',
      n: 5,
      scheme: RATE_SCHEME,
      domain: [0, Math.max(1, ...cells.map((c) => c.rate ?? 0))],
      legend: true,
      label: t(lang, '每百户事件数'),
    },
    marks: [
      Plot.cell(cells, {
        x: 'column',
        y: 'row',
        fill: (d: HeatCell) => d.rate ?? 0,
        inset: 0.5,
        href: (d: HeatCell) => d.href ?? null,
        title: (d: HeatCell) =>
          lang === 'en'
            ? `${d.row} · ${d.column}\n` +
              `${count(lang, d.events)} events, ${count(lang, d.enterprises)} active enterprises\n` +
              `${rateText(d.rate)} per 100`
            : `${d.row} · ${d.column}\n` +
              `事件 ${count(lang, d.events)} 起，在营 ${count(lang, d.enterprises)} 户\n` +
              `每百户 ${rateText(d.rate)}`,
      }),
      Plot.text(cells, {
        x: 'column',
        y: 'row',
        text: (d: HeatCell) => (d.events > 0 ? rateText(d.rate) : ''),
        fill: (d: HeatCell) =>
          (d.rate ?? 0) > Math.max(1, ...cells.map((c) => c.rate ?? 0)) * 0.55 ? 'white' : '#1f2328',
        pointerEvents: 'none',
      }),
    ],
  });
  return outerHtml(svg);
}
