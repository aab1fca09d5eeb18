/**
 * 行业热力图: GB/T 4754 section (rows) × township or month (columns), coloured by counted events per 100
 * active enterprises (or by the events themselves). A cell without active enterprises is hatched, one with
 * 0 events white, and one with fewer active enterprises than the minimum grey and unshaded (its rate
 * rests on too few to compare), so "nothing there" never looks like "nothing happened". Each cell links
 * where the caller says, so a click drills down without any script.
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
  /** What the colour says: events per 100 active enterprises (default) or the events themselves. */
  measure?: 'rate' | 'count';
  /** Below this many active enterprises a rate is not shaded (rate only; default 0). */
  minEnterprises?: number;
}

/** How a cell is drawn: shaded by its value, or one of the states the legend names. */
export type CellState = 'shaded' | 'no_enterprises' | 'zero_events' | 'too_few';

export function cellState(c: HeatCell, measure: 'rate' | 'count', min: number): CellState {
  if (c.enterprises === 0) return c.events > 0 && measure === 'count' ? 'shaded' : 'no_enterprises';
  if (c.events === 0) return 'zero_events';
  if (measure === 'rate' && c.enterprises < min) return 'too_few';
  return 'shaded';
}

/** Fills of the states (the page's legend draws the same: app.css .swatch-*). */
export const STATE_FILLS: Readonly<Record<Exclude<CellState, 'shaded'>, string>> = {
  no_enterprises: 'url(#cs-hatch)',
  zero_events: '#ffffff',
  too_few: '#d0d7de',
};

const HATCH = `<defs><pattern id="cs-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f8fa"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#8c959f" stroke-width="1.5"></line></pattern></defs>`;

const textWidth = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\uffff]/.test(c) ? 12 : 7), 0);

const rateText = (r: number | null) => (r === null ? '—' : r.toFixed(r >= 10 ? 0 : 1));

export function sectorHeatmap(cells: readonly HeatCell[], opts: HeatmapOptions): string {
  const lang = opts.lang ?? 'zh';
  const measure = opts.measure ?? 'rate';
  const min = opts.minEnterprises ?? 0;
  const rows = opts.rows ?? [...new Set(cells.map((c) => c.row))];
  const columns = opts.columns ?? [...new Set(cells.map((c) => c.column))];
  const value = (c: HeatCell) => (measure === 'rate' ? (c.rate ?? 0) : c.events);
  const shaded = cells.filter((c) => cellState(c, measure, min) === 'shaded');
  const plain = cells.filter((c) => cellState(c, measure, min) !== 'shaded');
  const high = Math.max(1, ...shaded.map(value));
  const label = (c: HeatCell) => (measure === 'rate' ? rateText(c.rate) : count(lang, c.events));
  // A CJK character is about one em (12 px) wide, a digit or Latin letter about 7 px.
  const longest = Math.max(24, ...rows.map(textWidth));
  const longestColumn = Math.max(24, ...columns.map(textWidth));
  const marginLeft = Math.min(260, longest + 14);
  const rotate = columns.length > 14;
  const columnWidth = rotate ? 40 : Math.max(46, Math.min(120, longestColumn + 12));
  const title = (d: HeatCell) =>
    lang === 'en'
      ? `${d.row} · ${d.column}\n` +
        `${count(lang, d.events)} events, ${count(lang, d.enterprises)} active enterprises\n` +
        `${rateText(d.rate)} per 100`
      : `${d.row} · ${d.column}\n` +
        `事件 ${count(lang, d.events)} 起，在营 ${count(lang, d.enterprises)} 户\n` +
        `每百户 ${rateText(d.rate)}`;
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
      domain: [0, high],
      legend: true,
      label: t(lang, measure === 'rate' ? '每百户事件数' : '计入的违法事件'),
    },
    marks: [
      Plot.cell(shaded, {
        x: 'column',
        y: 'row',
        fill: value,
        inset: 0.5,
        href: (d: HeatCell) => d.href ?? null,
        title,
      }),
      ...(['no_enterprises', 'zero_events', 'too_few'] as const).map((state) =>
        Plot.cell(
          plain.filter((c) => cellState(c, measure, min) === state),
          { x: 'column', y: 'row', fill: STATE_FILLS[state], stroke: '#d0d7de', inset: 0.5, title },
        ),
      ),
      Plot.text(shaded, {
        x: 'column',
        y: 'row',
        text: label,
        fill: (d: HeatCell) => (value(d) > high * 0.55 ? 'white' : '#1f2328'),
        pointerEvents: 'none',
      }),
    ],
  });
  // Plot has no pattern fill: the hatch is defined once in the chart's own SVG, which its cells reference.
  return outerHtml(svg).replace(/(<svg[^>]*class="plot-[^"]*"[^>]*>)/, `$1${HATCH}`);
}
