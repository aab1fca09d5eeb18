import { describe, it, expect } from 'vitest';
import { lineageGraph, placeNodes } from '../../dashboards/charts/lineageGraph.js';

const LINEAGE = {
  nodes: [
    { id: 'model:stg_penalties', kind: 'model' as const, layer: 'staging' },
    { id: 'model:int_penalties_latest', kind: 'model' as const, layer: 'intermediate' },
    { id: 'model:repeat_violators', kind: 'model' as const, layer: 'marts' },
    { id: 'source:raw.penalties', kind: 'source' as const },
    { id: 'source:ref.authorities', kind: 'source' as const },
  ],
  edges: [
    { from: 'source:raw.penalties', to: 'model:stg_penalties' },
    { from: 'model:stg_penalties', to: 'model:int_penalties_latest' },
    { from: 'source:ref.authorities', to: 'model:int_penalties_latest' },
    { from: 'model:int_penalties_latest', to: 'model:repeat_violators' },
  ],
};

describe('lineage graph', () => {
  it('puts sources, staging, intermediate and marts in columns left to right', () => {
    expect(placeNodes(LINEAGE).map((p) => [p.label, p.x, p.y])).toEqual([
      ['raw.penalties', 0, 0],
      ['ref.authorities', 0, 1],
      ['stg_penalties', 1, 0],
      ['int_penalties_latest', 2, 0],
      ['repeat_violators', 3, 0],
    ]);
  });

  it('renders the same SVG for the same graph', async () => {
    const svg = lineageGraph(LINEAGE, { width: 900 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('标准化层');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/lineage-graph.svg');
  });
});
