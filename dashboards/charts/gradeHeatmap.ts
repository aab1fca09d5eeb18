/**
 * 信用等级热力图: GB/T 4754 section (rows) × township (columns), coloured by the share of active entities at
 * the grades asked for (C and D by default). A cell with fewer entities than the minimum is grey and unshaded
 * (its share rests on too few to compare); a cell with none of those grades is white. Each cell links where
 * the caller says (null for leaders: aggregates only).
 */
import * as Plot from '@observablehq/plot';
import { count, t, type Lang } from '../ui/i18n.js';
import { CHART_FONT, outerHtml, serverDocument } from '../../lib/plotDocument.js';
import { RATE_SCHEME } from './palette.js';

export interface GradeHeatCell {
  row: string;
  column: string;
  /** Entities at the grades shown. */
  graded: number;
  entities: number;
  href?: string | null;
}

const share = (c: GradeHeatCell) => (c.entities === 0 ? 0 : (c.graded * 100) / c.entities);
const textWidth = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\uffff]/.test(c) ? 12 : 7), 0);

export function gradeHeatmap(
  cells: readonly GradeHeatCell[],
  opts: { columnLabel: string; columns: readonly string[]; rows: readonly string[]; lang: Lang; min: number },
): string {
  const { lang, min } = opts;
  const shaded = cells.filter((c) => c.graded > 0 && c.entities >= min);
  const white = cells.filter((c) => c.graded === 0);
  const grey = cells.filter((c) => c.graded > 0 && c.entities < min);
  const high = Math.max(1, ...shaded.map(share));
  const marginLeft = Math.min(260, Math.max(24, ...opts.rows.map(textWidth)) + 14);
  const longestColumn = Math.max(24, ...opts.columns.map(textWidth));
  const rotate = opts.columns.length > 14;
  const columnWidth = rotate ? 40 : Math.max(46, Math.min(120, longestColumn + 12));
  const title = (d: GradeHeatCell) =>
    lang === 'en'
      ? `${d.row} · ${d.column}\n${count(lang, d.graded)} of ${count(lang, d.entities)} entities (${share(d).toFixed(1)}%)`
      : `${d.row} · ${d.column}\n${count(lang, d.entities)} 户中 ${count(lang, d.graded)} 户（${share(d).toFixed(1)}%）`;
  const svg = Plot.plot({
    document: serverDocument(),
    width: marginLeft + opts.columns.length * columnWidth + 20,
    height: (rotate ? longestColumn * 0.7 : 0) + 70 + opts.rows.length * 24,
    marginLeft,
    marginTop: (rotate ? longestColumn * 0.7 : 0) + 44,
    marginBottom: 10,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { axis: 'top', domain: opts.columns, label: opts.columnLabel, tickRotate: rotate ? -40 : 0 },
    y: { domain: opts.rows, label: null },
    color: {
      type: 'quantize',
      n: 5,
      scheme: RATE_SCHEME,
      domain: [0, high],
      legend: true,
      label: t(lang, '所示等级主体占比（%）'),
    },
    marks: [
      Plot.cell(shaded, {
        x: 'column',
        y: 'row',
        fill: share,
        inset: 0.5,
        href: (d: GradeHeatCell) => d.href ?? null,
        title,
      }),
      Plot.cell(white, { x: 'column', y: 'row', fill: '#ffffff', stroke: '#d0d7de', inset: 0.5, title }),
      Plot.cell(grey, { x: 'column', y: 'row', fill: '#d0d7de', stroke: '#d0d7de', inset: 0.5, title }),
      Plot.text(shaded, {
        x: 'column',
        y: 'row',
        text: (d: GradeHeatCell) => share(d).toFixed(share(d) >= 10 ? 0 : 1),
        fill: (d: GradeHeatCell) => (share(d) > high * 0.55 ? 'white' : '#1f2328'),
        pointerEvents: 'none',
      }),
    ],
  });
  return outerHtml(svg);
}
