import { describe, expect, it } from 'vitest';
import { chineseCount } from '../../dashboards/ui/format.js';

const THIN = '\u2009';

describe('万/亿 counts (chineseCount)', () => {
  // A regex that stripped an integer's trailing zeros printed 1,000,000 as "1 万" (issue 12).
  it.each([
    [0, '0'],
    [9_999, '9,999'],
    [10_000, `1${THIN}万`],
    [12_345, `1.23${THIN}万`],
    [100_000, `10${THIN}万`],
    [1_000_000, `100${THIN}万`],
    [1_200_000, `120${THIN}万`],
    [10_000_000, `1000${THIN}万`],
    [12_345_678, `1235${THIN}万`],
    [100_000_000, `1${THIN}亿`],
    [123_456_789, `1.23${THIN}亿`],
    [1_000_000_000, `10${THIN}亿`],
    [-9_999, '-9,999'],
    [-10_000, `-1${THIN}万`],
    [-1_000_000, `-100${THIN}万`],
    [-123_456_789, `-1.23${THIN}亿`],
  ])('%d → %s', (n, text) => {
    expect(chineseCount(n)).toBe(text);
  });
});
