import { describe, it, expect } from 'vitest';
import { FactStore } from '../../generator/delivery/facts.js';

const pub = (decision: string, compliant: boolean) => ({
  authority: '厦门市海沧区市场监督管理局',
  department: null,
  decision,
  report: '2026-01-05',
  compliant,
});

describe('delivery facts held in columns', () => {
  it('gives back what was recorded, and nothing for a record never delivered', () => {
    const s = new FactStore();
    const a = {};
    const b = {};
    s.add(a, {
      file: '20260105_行政处罚_001.csv',
      fileDate: '2026-01-05',
      fileOrder: 0,
      loaded: true,
      corrected: false,
      publicity: pub('2025-12-30', true),
    });
    s.add(b, {
      file: '20260105_行政处罚_001.csv',
      fileDate: '2026-01-05',
      fileOrder: 0,
      loaded: false,
      corrected: false,
      publicity: null,
    });
    expect(s.get(a)).toEqual({
      file: '20260105_行政处罚_001.csv',
      fileDate: '2026-01-05',
      fileOrder: 0,
      loaded: true,
      corrected: false,
      publicity: pub('2025-12-30', true),
    });
    expect(s.get(b)?.loaded).toBe(false);
    expect(s.get(b)?.publicity).toBeNull();
    expect(s.has({})).toBe(false);
    expect(s.get({})).toBeUndefined();
  });

  const title =
    'a correction moves the record to its later file and replaces its §7 view only when the correction has one';
  it(title, () => {
    const s = new FactStore();
    const a = {};
    const b = {};
    for (const r of [a, b])
      s.add(r, {
        file: 'f1',
        fileDate: '2026-01-05',
        fileOrder: 0,
        loaded: true,
        corrected: false,
        publicity: pub('2025-12-30', true),
      });
    s.correct(a, 'f2', '2026-01-19', 1, { ...pub('2025-12-30', false), report: '2026-01-19' });
    s.correct(b, 'f2', '2026-01-19', 1, null);
    expect(s.get(a)).toMatchObject({
      file: 'f2',
      fileDate: '2026-01-19',
      fileOrder: 1,
      corrected: true,
      loaded: true,
      publicity: { compliant: false, report: '2026-01-19' },
    });
    expect(s.get(b)).toMatchObject({
      file: 'f2',
      corrected: true,
      publicity: { compliant: true, report: '2026-01-05' },
    });
  });

  it('keeps every record when it grows past its first allocation', () => {
    const s = new FactStore();
    const records = Array.from({ length: 5000 }, () => ({}));
    records.forEach((r, i) =>
      s.add(r, {
        file: `f${i % 7}`,
        fileDate: '2026-01-05',
        fileOrder: i % 7,
        loaded: i % 2 === 0,
        corrected: false,
        publicity: null,
      }),
    );
    expect(s.size).toBe(5000);
    expect(records.map((r) => s.get(r)?.fileOrder)).toEqual(records.map((_, i) => i % 7));
    expect(records.filter((r) => s.get(r)?.loaded).length).toBe(2500);
  });
});
