/**
 * Counts by risk level as horizontal bars in the one risk colour language, the level written on or beside
 * each bar (红/橙/黄/绿) so colour is never the only cue. A row without a label is one level's bar: the
 * level is its axis label, so a chart of one kind does not repeat the same word on every bar.
 */
import * as Plot from '@observablehq/plot';
import { count, t, type Lang } from '../ui/i18n.js';
import { LEVEL_COLOURS, levelLabel, type Level } from '../ui/labels.js';
import { CHART_FONT, outerHtml, serverDocument } from '../../lib/plotDocument.js';

export interface LevelCount {
  /** What the bar counts (a warning kind); omitted when the chart is one kind by level. */
  label?: string;
  level: Level;
  count: number;
  href?: string | null;
}

export function levelBars(
  rows: readonly LevelCount[],
  { width = 640, lang = 'zh' }: { width?: number; lang?: Lang } = {},
): string {
  const level = (l: Level) => t(lang, levelLabel(l));
  const tick = (r: LevelCount) => r.label ?? level(r.level);
  const key = (r: LevelCount) => `${tick(r)}·${r.level}`;
  const labels = [...new Set(rows.map(tick))];
  const longest = Math.max(2, ...labels.map((l) => l.length));
  const max = Math.max(1, ...rows.map((r) => r.count));
  const svg = Plot.plot({
    document: serverDocument(),
    width,
    height: 30 + rows.length * 28,
    marginLeft: 14 * longest + 14,
    marginRight: 90,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { axis: null, domain: [0, max] },
    y: {
      domain: rows.map(key),
      tickFormat: (k: string) => k.split('·')[0] ?? k,
      label: null,
    },
    marks: [
      Plot.barX(rows, {
        x: 'count',
        y: key,
        fill: (r: LevelCount) => LEVEL_COLOURS[r.level],
        href: (r: LevelCount) => r.href ?? null,
        title: (r: LevelCount) =>
          lang === 'en'
            ? `${r.label ?? ''} ${level(r.level)}: ${count(lang, r.count)}`.trimStart()
            : `${r.label ?? ''} ${levelLabel(r.level)}色：${count(lang, r.count)}`.trimStart(),
      }),
      Plot.text(rows, {
        x: 'count',
        y: key,
        text: (r: LevelCount) =>
          r.label === undefined ? count(lang, r.count) : `${level(r.level)} ${count(lang, r.count)}`,
        dx: 6,
        textAnchor: 'start',
        fill: '#1f2328',
      }),
    ],
  });
  return outerHtml(svg);
}
