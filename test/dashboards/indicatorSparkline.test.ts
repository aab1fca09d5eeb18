import { describe, expect, it } from 'vitest';
import { indicatorSparkline } from '../../dashboards/charts/indicatorSparkline.js';

// vitest.config.ts fixes TZ=Asia/Shanghai, so the chart renders the same on every machine.

const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04'];

describe('indicator sparkline', () => {
  it('draws the target as a dashed rule, fills met months and leaves null months out', async () => {
    const points = MONTHS.map((month, i) => ({ month, value: i === 1 ? null : 0.9 + i * 0.02, met: i === 3 }));
    const svg = indicatorSparkline(points, { target: 0.95, format: (v) => `${(v * 100).toFixed(0)}%` });
    expect(svg).toContain('stroke-dasharray="4,3"');
    expect(svg).toContain('2025-04：96%（达标）');
    expect(svg).toContain('2025-03：94%（未达标）');
    expect(svg).not.toContain('2025-02：');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/indicator-sparkline.svg');
  });

  it('scales each chart to its own values and target, so a tiny rate still shows above zero', () => {
    const points = MONTHS.map((month) => ({ month, value: 0.0003, met: false }));
    const svg = indicatorSparkline(points, { target: 0.0001, format: (v) => `${(v * 10000).toFixed(1)}‱` });
    expect(svg).toMatch(/3\.\d‱/);
  });
});
