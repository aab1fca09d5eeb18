/**
 * 企业信用画像 timeline: one dot per violation event, one row per domain, filled when the event
 * counts (rules.md §4) and hollow when it does not; each dot links to its source record.
 */
import * as Plot from '@observablehq/plot';
import { CHART_FONT, outerHtml, serverDocument } from '../../lib/plotDocument.js';
import { SERIES_COLOURS } from './palette.js';
import type { Lang } from '../ui/i18n.js';

export interface TimelineEvent {
  date: string;
  domain: string;
  counted: boolean;
  label: string;
  href?: string | null;
}

export function eventTimeline(
  events: readonly TimelineEvent[],
  { width = 900, asOf, lang = 'zh' }: { width?: number; asOf?: string; lang?: Lang } = {},
): string {
  const domains = [...new Set(events.map((e) => e.domain))].sort();
  const data = events.map((e) => ({ ...e, at: new Date(`${e.date}T00:00:00Z`) }));
  const longest = Math.max(2, ...domains.map((d) => d.length));
  const svg = Plot.plot({
    document: serverDocument(),
    width,
    height: 50 + domains.length * 34,
    marginLeft: 14 * longest + 14,
    marginBottom: 30,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { type: 'utc', label: null, tickFormat: '%Y-%m' },
    y: { domain: domains, label: null, grid: true },
    marks: [
      ...(asOf ? [Plot.ruleX([new Date(`${asOf}T00:00:00Z`)], { stroke: '#5b636e', strokeDasharray: '4,3' })] : []),
      Plot.dot(data, {
        x: 'at',
        y: 'domain',
        r: 5,
        stroke: SERIES_COLOURS[0],
        fill: (d: TimelineEvent) => (d.counted ? SERIES_COLOURS[0] : 'white'),
        href: (d: TimelineEvent) => d.href ?? null,
        title: (d: TimelineEvent) =>
          `${d.date} ${d.domain}\n${d.label}${d.counted ? '' : lang === 'en' ? ' (not counted)' : '（不计入）'}`,
      }),
    ],
  });
  return outerHtml(svg);
}
