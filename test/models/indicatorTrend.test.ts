import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../pipelines/build/build.js';
import { World, company, uscc } from './world.js';

/**
 * indicator_trend judges each month at its last day: a rating, a utilities record or a 账期 counts from
 * the month it is dated in, not before; the as-of month is the indicators mart itself.
 */

type Trend = {
  indicator_id: string;
  month: string;
  value: number | null;
  target: number;
  comparator: string;
  met: boolean;
};

const rating = (n: number, grade: string, date: string) => ({
  主体名称: `厦门测试${n}号有限公司`,
  统一社会信用代码: uscc(n),
  评价等级: grade,
  评价日期: date,
});
const water = (n: number, period: string) => ({
  主体名称: `厦门测试${n}号有限公司`,
  统一社会信用代码: uscc(n),
  类型: '水费',
  账期: period,
  应缴金额: '100',
  实缴金额: '100',
});

const world = new World();
let result: BuildResult;
let trend: Trend[];
const at = (id: string, month: string) => trend.find((t) => t.indicator_id === id && t.month === month);

beforeAll(async () => {
  world.deliver('enterprises', [company(1, '厦门测试1号有限公司'), company(2, '厦门测试2号有限公司')]);
  world.deliver('public_rating', [
    rating(1, '优', '2025-02-10'),
    rating(2, '良', '2025-04-20'),
    rating(1, '中', '2025-05-31'),
  ]);
  world.deliver('utilities', [water(1, '2025-03'), water(2, '2025-03'), water(1, '2025-06')]);
  await world.ingest();
  result = await world.build('2025-06-15');
  trend = await world.query<Trend>('select * from indicator_trend order by indicator_id, month');
}, 120_000);

describe('indicator_trend', () => {
  it('has every indicator in each of the 12 months ending with the as-of month', () => {
    const months = [...new Set(trend.map((t) => t.month))].sort();
    expect(months).toEqual([
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    expect(trend).toHaveLength(13 * 12);
  });

  it("takes each entity's latest rating as of the month's last day", () => {
    expect(at('excellent_rating_share', '2025-01')?.value).toBeNull();
    expect(at('excellent_rating_share', '2025-01')?.met).toBe(false);
    expect(at('excellent_rating_share', '2025-02')?.value).toBe(1);
    expect(at('excellent_rating_share', '2025-04')?.value).toBe(0.5);
    expect(at('good_or_above_share', '2025-04')?.value).toBe(1);
    // Rated 中 on 31 May: the May month-end already sees it.
    expect(at('medium_or_below_share', '2025-05')?.value).toBe(0.5);
    expect(at('excellent_rating_share', '2025-05')?.value).toBe(0);
  });

  it('counts utilities records dated within the trailing year of each month-end', () => {
    expect(at('water_records_ratio', '2025-02')?.value).toBe(0);
    expect(at('water_records_ratio', '2025-03')?.value).toBe(1);
    expect(at('water_records_ratio', '2025-03')?.met).toBe(true);
    expect(at('water_records_ratio', '2025-06')?.value).toBe(1.5);
  });

  it('equals the indicators mart in the as-of month, and its data tests pass', async () => {
    const indicators = await world.query<Trend>(
      'select indicator_id, value, met from indicators order by indicator_id',
    );
    const current = trend
      .filter((t) => t.month === '2025-06')
      .map(({ indicator_id, value, met }) => ({ indicator_id, value, met }));
    expect(current).toEqual(indicators);
    const tests = result.tests.filter((t) => t.test.includes('indicator_trend'));
    expect(tests.length).toBeGreaterThanOrEqual(3);
    expect(tests.filter((t) => t.status !== 'pass')).toEqual([]);
  });
});
