/**
 * The lineage graph as SVG: one column per layer (sources, staging, intermediate, marts), one row per
 * node, arrows from each input to the model that reads it. Pure: data in, SVG text out.
 */
import * as Plot from '@observablehq/plot';
import { t, type Lang } from '../ui/i18n.js';
import { CHART_FONT, outerHtml, serverDocument } from '../../lib/plotDocument.js';

export interface LineageData {
  nodes: ReadonlyArray<{ id: string; kind: 'source' | 'model'; layer?: string }>;
  edges: ReadonlyArray<{ from: string; to: string }>;
}

const COLUMNS = ['source', 'staging', 'intermediate', 'marts'] as const;
const COLUMN_LABELS: Record<string, string> = {
  source: '源表',
  staging: '标准化层',
  intermediate: '中间层',
  marts: '主题层',
};

interface Placed {
  id: string;
  label: string;
  column: string;
  x: number;
  y: number;
}

function columnOf(n: LineageData['nodes'][number]): string {
  if (n.kind === 'source') return 'source';
  return n.layer && n.layer !== '' ? n.layer : 'marts';
}

export function placeNodes(data: LineageData): Placed[] {
  const columns = [
    ...COLUMNS,
    ...new Set(data.nodes.map(columnOf).filter((c) => !(COLUMNS as readonly string[]).includes(c))),
  ];
  const placed: Placed[] = [];
  columns.forEach((column, x) => {
    const inColumn = data.nodes
      .filter((n) => columnOf(n) === column)
      .map((n) => n.id)
      .sort();
    inColumn.forEach((id, y) => placed.push({ id, label: id.replace(/^(model|source):/, ''), column, x, y }));
  });
  return placed;
}

export function lineageGraph(
  data: LineageData,
  { width = 1100, lang = 'zh' }: { width?: number; lang?: Lang } = {},
): string {
  const placed = placeNodes(data);
  const at = new Map(placed.map((p) => [p.id, p]));
  const links = data.edges.flatMap((e) => {
    const a = at.get(e.from);
    const b = at.get(e.to);
    return a && b ? [{ x1: a.x, y1: a.y, x2: b.x, y2: b.y }] : [];
  });
  const rows = Math.max(1, ...placed.map((p) => p.y + 1));
  const columns = Math.max(1, ...placed.map((p) => p.x + 1));
  const svg = Plot.plot({
    document: serverDocument(),
    width,
    height: 40 + rows * 22,
    marginTop: 30,
    marginLeft: 10,
    marginRight: 180,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: {
      axis: 'top',
      domain: [0, Math.max(columns - 1, 1)],
      ticks: [...Array(columns).keys()],
      tickFormat: (i: number) => t(lang, COLUMN_LABELS[[...COLUMNS][i] ?? ''] ?? ''),
      label: null,
      tickSize: 0,
    },
    y: { axis: null, domain: [rows - 0.5, -0.5] },
    marks: [
      Plot.link(links, {
        x1: 'x1',
        y1: 'y1',
        x2: 'x2',
        y2: 'y2',
        stroke: '#8a94a3',
        strokeOpacity: 0.6,
        markerEnd: 'arrow',
        curve: 'bump-x',
      }),
      Plot.dot(placed, { x: 'x', y: 'y', r: 4, fill: (d: Placed) => (d.column === 'source' ? '#5b636e' : '#1d4f91') }),
      Plot.text(placed, { x: 'x', y: 'y', text: 'label', dx: 7, textAnchor: 'start', fill: '#1f2328' }),
    ],
  });
  return outerHtml(svg);
}
