import { describe, expect, it } from 'vitest';
import { eventTimeline } from '../../dashboards/charts/eventTimeline.js';
import { levelBars } from '../../dashboards/charts/levelBars.js';
import { monthlyTrend } from '../../dashboards/charts/monthlyTrend.js';
import { sectorHeatmap } from '../../dashboards/charts/sectorHeatmap.js';

// vitest.config.ts fixes TZ=Asia/Shanghai, so dates render the same on every machine.

const CELLS = [
  {
    row: '制造业',
    column: '海沧街道',
    events: 12,
    enterprises: 300,
    rate: 4,
    href: '/heatmap/cell?sector=C&region=350205001',
  },
  { row: '制造业', column: '新阳街道', events: 0, enterprises: 150, rate: 0, href: null },
  {
    row: '批发和零售业',
    column: '海沧街道',
    events: 30,
    enterprises: 200,
    rate: 15,
    href: '/heatmap/cell?sector=F&region=350205001',
  },
  { row: '批发和零售业', column: '新阳街道', events: 3, enterprises: 0, rate: null, href: null },
];

describe('sector heatmap', () => {
  it('links each cell with events to the enterprises behind it and writes the rate in the cell', async () => {
    const svg = sectorHeatmap(CELLS, { columnLabel: '乡镇（街道）' });
    expect(svg).toMatch(/href="\/heatmap\/cell\?sector=F&(amp;)?region=350205001"/);
    expect(svg).not.toContain('region=350205002');
    expect(svg).toContain('>15<');
    expect(svg).toContain('每百户事件数');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/sector-heatmap.svg');
  });
});

describe('monthly trend', () => {
  it('draws the target as a labelled rule and percentages on the axis', async () => {
    const points = ['2025-01', '2025-02', '2025-03'].map((month, i) => ({
      month,
      series: '及时率',
      value: 0.8 + i * 0.05,
    }));
    const svg = monthlyTrend(points, { yLabel: '及时率', percent: true, target: { value: 0.95, label: '目标 95.0%' } });
    expect(svg).toContain('目标 95.0%');
    expect(svg).toContain('80%');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/monthly-trend.svg');
  });

  it('writes large counts in 万', () => {
    const svg = monthlyTrend(
      [
        { month: '2025-01', series: 'a', value: 30000 },
        { month: '2025-02', series: 'a', value: 50000 },
      ],
      { yLabel: '事件数' },
    );
    expect(svg).toMatch(/\d\u2009万/);
  });
});

describe('event timeline', () => {
  it('draws counted events filled, others hollow, each linking to its source record', async () => {
    const svg = eventTimeline(
      [
        {
          date: '2025-03-01',
          domain: '市场监管',
          counted: true,
          label: '行政处罚 厦市监罚〔2025〕1号',
          href: '/records?event=a',
        },
        {
          date: '2025-07-15',
          domain: '税务',
          counted: false,
          label: '行政处罚 厦税罚〔2025〕2号',
          href: '/records?event=b',
        },
      ],
      { asOf: '2025-12-31' },
    );
    expect(svg).toContain('href="/records?event=a"');
    expect(svg).toContain('（不计入）');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/event-timeline.svg');
  });
});

describe('level bars', () => {
  const tickLabels = (svg: string) =>
    [...svg.matchAll(/<g[^>]*aria-label="y-axis tick label"[^>]*>(.*?)<\/g>/gs)].flatMap((g) =>
      [...(g[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]),
    );

  it('labels one kind by level, not with the same word on every bar (the overview)', async () => {
    const svg = levelBars([
      { level: 'red', count: 3 },
      { level: 'orange', count: 12000 },
      { level: 'yellow', count: 0 },
    ]);
    expect(tickLabels(svg)).toEqual(['红', '橙', '黄']);
    expect(svg).toContain('>1.2\u2009万<');
    expect(svg).toContain('#b2182b');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/level-bars.svg');
  });

  it('writes the level beside each bar when the bars are kinds (the warnings page)', async () => {
    const svg = levelBars([
      { label: '屡禁不止', level: 'red', count: 3 },
      { label: '屡禁不止', level: 'orange', count: 12000 },
      { label: '重点项目风险', level: 'yellow', count: 7 },
    ]);
    expect(tickLabels(svg)).toEqual(['屡禁不止', '屡禁不止', '重点项目风险']);
    expect(svg).toContain('红 3');
    expect(svg).toContain('橙 1.2\u2009万');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/level-bars-kinds.svg');
  });
});

describe('chart text from departments', () => {
  it('is escaped inside the SVG', () => {
    const svg = sectorHeatmap(
      [{ row: '<script>alert(1)</script>', column: '"x"', events: 1, enterprises: 1, rate: 100 }],
      { columnLabel: '乡镇' },
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});
