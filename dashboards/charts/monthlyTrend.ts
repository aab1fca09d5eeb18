/**
 * A monthly trend of one or more series, with an optional target drawn as a dashed rule. Months are
 * 'YYYY-MM' text on a point scale, so the chart does not depend on the time zone.
 */
import * as Plot from '@observablehq/plot';
import { count, type Lang } from '../ui/i18n.js';
import { CHART_FONT, outerHtml, serverDocument } from '../../lib/plotDocument.js';
import { SERIES_COLOURS } from './palette.js';

export interface TrendPoint {
  month: string;
  series: string;
  value: number | null;
}

export interface TrendOptions {
  yLabel: string;
  /** Values are fractions shown as percentages. */
  percent?: boolean;
  target?: { value: number; label: string } | null;
  width?: number;
  height?: number;
  lang?: Lang;
}

export function monthlyTrend(points: readonly TrendPoint[], opts: TrendOptions): string {
  const months = [...new Set(points.map((p) => p.month))].sort();
  const series = [...new Set(points.map((p) => p.series))];
  const lang = opts.lang ?? 'zh';
  const fmt = (v: number) => (opts.percent ? `${(v * 100).toFixed(0)}%` : count(lang, v));
  const defined = points.filter((p) => p.value !== null);
  const every = Math.max(1, Math.ceil(months.length / 12));
  const svg = Plot.plot({
    document: serverDocument(),
    width: opts.width ?? 960,
    height: opts.height ?? 260,
    marginLeft: 56,
    marginRight: 20,
    marginBottom: 36,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { type: 'point', domain: months, label: null, ticks: months.filter((_, i) => i % every === 0) },
    y: {
      grid: true,
      label: opts.yLabel,
      tickFormat: fmt,
      zero: !opts.percent,
      domain: opts.percent ? [0, 1] : undefined,
    },
    color:
      series.length > 1
        ? { domain: series, range: [...SERIES_COLOURS], legend: true }
        : { domain: series, range: [SERIES_COLOURS[0]] },
    marks: [
      ...(opts.target
        ? [
            Plot.ruleY([opts.target.value], { stroke: '#5b636e', strokeDasharray: '4,3' }),
            Plot.text([opts.target], {
              x: () => months[0],
              y: 'value',
              text: 'label',
              dy: -7,
              textAnchor: 'start',
              fill: '#5b636e',
            }),
          ]
        : []),
      Plot.line(defined, { x: 'month', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(defined, {
        x: 'month',
        y: 'value',
        fill: 'series',
        r: 3,
        title: (p: TrendPoint) => `${p.series} ${p.month}${lang === 'en' ? ': ' : '：'}${fmt(p.value ?? 0)}`,
      }),
    ],
  });
  return outerHtml(svg);
}
