/**
 * One indicator's monthly values against its target, small enough to sit in a grid of 13 (small
 * multiples). Each chart gets its own y-scale that includes the target, so a rate near 0.01 % and a
 * ratio near 1.5 are both readable; months that met the target are filled, the others hollow.
 */
import * as Plot from '@observablehq/plot';
import { CHART_FONT, outerHtml, serverDocument } from '../../lib/plotDocument.js';
import { SERIES_COLOURS } from './palette.js';
import type { Lang } from '../ui/i18n.js';

export interface IndicatorMonth {
  month: string;
  value: number | null;
  met: boolean;
}

export interface SparklineOptions {
  target: number;
  /** How the page writes this indicator's values (percent, ‱, ratio). */
  format: (v: number) => string;
  width?: number;
  height?: number;
  lang?: Lang;
}

export function indicatorSparkline(points: readonly IndicatorMonth[], opts: SparklineOptions): string {
  const months = [...new Set(points.map((p) => p.month))].sort();
  const defined = points.filter((p): p is IndicatorMonth & { value: number } => p.value !== null);
  const high = Math.max(opts.target, ...defined.map((p) => p.value));
  const svg = Plot.plot({
    document: serverDocument(),
    width: opts.width ?? 300,
    height: opts.height ?? 150,
    marginLeft: 52,
    marginRight: 8,
    marginBottom: 24,
    style: { fontFamily: CHART_FONT, fontSize: '10px', background: 'transparent' },
    x: {
      type: 'point',
      domain: months,
      label: null,
      ticks: [months[0], months[months.length - 1]].filter((m) => m !== undefined),
    },
    y: { grid: true, label: null, domain: [0, high > 0 ? high * 1.1 : 1], ticks: 3, tickFormat: opts.format },
    marks: [
      Plot.ruleY([opts.target], { stroke: '#5b636e', strokeDasharray: '4,3' }),
      Plot.line(defined, { x: 'month', y: 'value', stroke: SERIES_COLOURS[0], strokeWidth: 1.5 }),
      Plot.dot(defined, {
        x: 'month',
        y: 'value',
        r: 2.5,
        stroke: SERIES_COLOURS[0],
        fill: (p: IndicatorMonth) => (p.met ? SERIES_COLOURS[0] : '#fff'),
        title: (p: IndicatorMonth & { value: number }) =>
          opts.lang === 'en'
            ? `${p.month}: ${opts.format(p.value)} (${p.met ? 'met' : 'not met'})`
            : `${p.month}：${opts.format(p.value)}${p.met ? '（达标）' : '（未达标）'}`,
      }),
    ],
  });
  return outerHtml(svg);
}
