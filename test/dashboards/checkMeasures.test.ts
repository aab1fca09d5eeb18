/** The measures catalogue: versions by effective date, each measure once with the kinds that call for it. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { CHECK_KINDS } from '../../lib/config/schema.js';
import { catalogueAt, measuresFor } from '../../dashboards/check/measures.js';

const later = {
  from: '2026-04-01',
  source: '新版目录',
  catalogue: [{ code: 'notify', measure: '告知', basis: '某规定', kinds: ['attention_list'] }],
};

describe('the measures catalogue', () => {
  it('ships a measure with a legal basis for every list kind and flag', () => {
    const { catalogue } = catalogueAt(loadConfig(), '2025-12-31');
    for (const kind of CHECK_KINDS)
      expect(measuresFor({ from: null, source: '', catalogue }, new Set([kind])).length, kind).toBeGreaterThan(0);
    for (const m of catalogue) expect(m.basis).toMatch(/《.+》/);
  });

  it('uses the version in force on the as-of: the latest `from` on or before it', () => {
    const config = loadConfig({
      override: { checks: { measures: { versions: [loadConfig().checks.measures.versions[0], later] } } },
    });
    expect(catalogueAt(config, '2026-03-31').from).toBeNull();
    expect(catalogueAt(config, '2026-04-01').source).toBe('新版目录');
    expect(catalogueAt(config, '2027-01-01').source).toBe('新版目录');
  });

  it('gives each measure once, in catalogue order, with every kind that calls for it', () => {
    const { catalogue } = catalogueAt(loadConfig(), '2025-12-31');
    const v = { from: null, source: '', catalogue };
    const both = measuresFor(v, new Set(['serious_list', 'persistent_violator']));
    expect(both.map((m) => m.code)).toEqual(
      catalogue
        .filter((m) => m.kinds.some((k) => k === 'serious_list' || k === 'persistent_violator'))
        .map((m) => m.code),
    );
    expect(both.find((m) => m.code === 'strict_licensing')!.because).toEqual(['serious_list', 'persistent_violator']);
    expect(measuresFor(v, new Set())).toEqual([]);
  });

  it('refuses versions out of order, a first version with a date, duplicate codes and unknown kinds', () => {
    const first = loadConfig().checks.measures.versions[0]!;
    const bad = (versions: unknown[]) => () => loadConfig({ override: { checks: { measures: { versions } } } });
    expect(bad([later])).toThrow(/first version must have from: null/);
    expect(bad([first, later, { ...later, from: '2026-01-01' }])).toThrow(/increasing order/);
    expect(bad([{ ...first, catalogue: [...first.catalogue, first.catalogue[0]] }])).toThrow(/unique/);
    expect(bad([{ ...first, catalogue: [{ ...first.catalogue[0], kinds: ['tax_grade_d'] }] }])).toThrow(/kinds/);
  });
});
