import { describe, expect, it } from 'vitest';
import { poolRegions, sectorHeatmap } from '../../pipelines/report/charts/sectorHeatmap.js';
import { rasterise } from '../../pipelines/report/charts/rasterise.js';
import { sectionNames } from '../../pipelines/report/heatmap.js';

const ROWS = [
  { sector: 'C', region_code: '350205001', month: '2026-02', events: 3, enterprises: 100 },
  { sector: 'C', region_code: '350205002', month: '2026-02', events: 1, enterprises: 100 },
  { sector: 'C', region_code: '350205001', month: '2026-03', events: 0, enterprises: 100 },
  { sector: 'F', region_code: '350205001', month: '2026-02', events: 2, enterprises: 0 },
  { sector: 'F', region_code: '350205001', month: '2026-03', events: 5, enterprises: 50 },
];

describe('sector heatmap for documents', () => {
  it('pools regions: events and active entities add up, the rate is recomputed and null without entities', () => {
    expect(poolRegions(ROWS)).toEqual([
      { sector: 'C', month: '2026-02', events: 4, enterprises: 200, rate: 2 },
      { sector: 'C', month: '2026-03', events: 0, enterprises: 100, rate: 0 },
      { sector: 'F', month: '2026-02', events: 2, enterprises: 0, rate: null },
      { sector: 'F', month: '2026-03', events: 5, enterprises: 50, rate: 10 },
    ]);
  });

  it('names sections from the shipped GB/T 4754 file', () => {
    expect(sectionNames().get('C')).toBe('制造业');
  });

  it('renders the same standalone SVG for the same data, and rasterises it', async () => {
    const svg = sectorHeatmap(poolRegions(ROWS), { title: '测试热力图', width: 480 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>测试热力图</title>');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/sector-heatmap.svg');
    const png = rasterise(svg);
    expect(png.data.subarray(1, 4).toString()).toBe('PNG');
    expect(png.width).toBe(480);
  });
});
