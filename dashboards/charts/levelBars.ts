/**
 * Counts by risk level as horizontal bars in the one risk colour language, the level written beside
 * each bar (红/橙/黄/绿) so colour is never the only cue.
 */
import * as Plot from '@observablehq/plot';
import { chineseCount } from '../format.js';
import { LEVEL_COLOURS, levelLabel, type Level } from '../labels.js';
import { CHART_FONT, outerHtml, serverDocument } from './plotDocument.js';

export interface LevelCount {
  label: string;
  level: Level;
  count: number;
  href?: string | null;
}

export function levelBars(rows: readonly LevelCount[], { width = 640 }: { width?: number } = {}): string {
  const labels = [...new Set(rows.map((r) => r.label))];
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
    y: { domain: rows.map((r) => `${r.label}·${r.level}`), tickFormat: (k: string) => k.split('·')[0] ?? k, label: null },
    marks: [
      Plot.barX(rows, {
        x: 'count',
        y: (r: LevelCount) => `${r.label}·${r.level}`,
        fill: (r: LevelCount) => LEVEL_COLOURS[r.level],
        href: (r: LevelCount) => r.href ?? null,
        title: (r: LevelCount) => `${r.label} ${levelLabel(r.level)}色：${chineseCount(r.count)}`,
      }),
      Plot.text(rows, {
        x: 'count',
        y: (r: LevelCount) => `${r.label}·${r.level}`,
        text: (r: LevelCount) => `${levelLabel(r.level)} ${chineseCount(r.count)}`,
        dx: 6,
        textAnchor: 'start',
        fill: '#1f2328',
      }),
    ],
  });
  return outerHtml(svg);
}
