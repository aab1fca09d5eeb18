import { describe, expect, it } from 'vitest';
import { expectedSeconds, longestFirst, readDurations } from './sequencer.js';

describe('the test sequencer', () => {
  it('runs the longest files of the table first, ties by path, a file not in the table at its median', () => {
    const seconds = { 'a.test.ts': 5, 'b.test.ts': 300, 'c.test.ts': 5, 'd.test.ts': 40, 'e.test.ts': 1 };
    expect(expectedSeconds(seconds)('new.test.ts')).toBe(5);
    const files = ['a.test.ts', 'c.test.ts', 'new.test.ts', 'e.test.ts', 'd.test.ts', 'b.test.ts'];
    expect(longestFirst(files, (f) => f, seconds)).toEqual([
      'b.test.ts',
      'd.test.ts',
      'a.test.ts',
      'c.test.ts',
      'new.test.ts',
      'e.test.ts',
    ]);
  });

  it('orders by path when the table is empty', () => {
    expect(longestFirst(['b', 'a', 'c'], (f) => f, {})).toEqual(['a', 'b', 'c']);
  });

  it('reads the committed table: seconds by path from the repository root', () => {
    const seconds = readDurations();
    for (const [file, s] of Object.entries(seconds)) {
      expect(file).toMatch(/^test\/.+\.test\.ts$/);
      expect(s).toBeGreaterThanOrEqual(0);
    }
  });
});
