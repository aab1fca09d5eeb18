/**
 * The heatmap tells "no enterprises" from "0 events" from "too few to shade" (issue 18 item 13), by
 * measure; and the unit of each indicator is one (item 12).
 */
import { describe, expect, it } from 'vitest';
import { cellState, sectorHeatmap, STATE_FILLS, type HeatCell } from '../../dashboards/charts/sectorHeatmap.js';
import { formatIndicator, indicatorUnit } from '../../lib/indicatorUnits.js';

const cell = (events: number, enterprises: number): HeatCell => ({
  row: '制造业',
  column: '海沧街道',
  events,
  enterprises,
  rate: enterprises ? (events * 100) / enterprises : null,
});

describe('heatmap cell states', () => {
  it('names each state by measure and minimum', () => {
    expect(cellState(cell(0, 0), 'rate', 5)).toBe('no_enterprises');
    expect(cellState(cell(2, 0), 'rate', 5)).toBe('no_enterprises');
    expect(cellState(cell(2, 0), 'count', 5)).toBe('shaded');
    expect(cellState(cell(0, 40), 'rate', 5)).toBe('zero_events');
    expect(cellState(cell(1, 3), 'rate', 5)).toBe('too_few');
    expect(cellState(cell(1, 3), 'count', 5)).toBe('shaded');
    expect(cellState(cell(1, 5), 'rate', 5)).toBe('shaded');
  });

  it('draws them apart: hatched, white and grey, with no rate written in them', () => {
    const cells = [
      { ...cell(0, 0), column: '甲' },
      { ...cell(0, 40), column: '乙' },
      { ...cell(1, 3), column: '丙' },
      { ...cell(9, 30), column: '丁', href: '/violators?sector=C&township=350205001' },
    ];
    const svg = sectorHeatmap(cells, { columnLabel: '乡镇（街道）', minEnterprises: 5 });
    expect(svg).toContain('<pattern id="cs-hatch"');
    for (const fill of Object.values(STATE_FILLS)) expect(svg).toContain(`fill="${fill}"`);
    expect(svg).toMatch(/href="\/violators\?sector=C&(amp;)?township=350205001"/);
    // Only the shaded cell carries a value: 9 events over 30 enterprises is 30 per 100.
    expect(svg).toContain('>30<');
    expect(svg).not.toContain('>33<');
    const counts = sectorHeatmap(cells, { columnLabel: '乡镇（街道）', minEnterprises: 5, measure: 'count' });
    expect(counts).toContain('计入的违法事件');
    expect(counts).toContain('>1<');
    expect(counts).toContain('>9<');
  });
});

describe('one unit per indicator', () => {
  it('writes the wrong-code rate in ‱, ratios as numbers and shares in percent', () => {
    expect(indicatorUnit('uscc_error_rate')).toBe('permyriad');
    expect(formatIndicator('uscc_error_rate', 0.0001)).toBe('1.0‱');
    expect(formatIndicator('water_records_ratio', 1.26923)).toBe('1.269');
    expect(formatIndicator('publicity_timeliness', 0.9534)).toBe('95.3%');
    expect(formatIndicator('publicity_timeliness', null)).toBe('—');
  });
});
