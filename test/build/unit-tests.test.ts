import { describe, it, expect } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../../pipelines/build/build.js';
import { loadProject } from '../../pipelines/build/project.js';
import type { UnitTestDecl } from '../../pipelines/build/types.js';
import { runUnitTest } from '../../pipelines/build/unit-tests.js';
import { config, project } from './helpers.js';

const SOURCES = `sources:
  - name: raw
    tables:
      - name: items
        columns:
          - { name: id, data_type: INTEGER }
`;

describe('unit tests (unit_tests: in the YAML)', () => {
  const real = loadProject(DEFAULT_MODELS_DIR);
  const named = (name: string): UnitTestDecl => real.unitTests.find((u) => u.name === name)!;

  it('fails when an expected row is wrong, showing the missing and the unexpected row', async () => {
    const ut = named('repairs_take_effect_only_when_linked_and_after_the_minimum_period');
    const wrong = ut.expect.map((r) => (r.repair_id === 'r2' ? { ...r, finding: null, is_valid: true } : r));
    const r = await runUnitTest(real, { ...ut, expect: wrong }, config);
    expect(r.status).toBe('fail');
    expect(r.missing).toEqual([
      { repair_id: 'r2', target_id: 'e2', finding: null, is_valid: true, is_effective: false },
    ]);
    expect(r.unexpected).toEqual([
      {
        repair_id: 'r2',
        target_id: 'e2',
        finding: 'repair_before_minimum_period',
        is_valid: false,
        is_effective: false,
      },
    ]);
  });

  it('compares rows as a multiset: a missing or a duplicated expected row fails', async () => {
    const ut = named('publication_end_is_clamped_by_the_rule_in_force_on_the_decision_date');
    const fewer = await runUnitTest(real, { ...ut, expect: ut.expect.slice(1) }, config);
    expect(fewer).toMatchObject({ status: 'fail', missing: [], unexpected: [{ event_id: 'p1' }] });
    const twice = await runUnitTest(real, { ...ut, expect: [...ut.expect, ut.expect[0]!] }, config);
    expect(twice).toMatchObject({ status: 'fail', missing: [{ event_id: 'p1' }], unexpected: [] });
  });

  it('applies configuration overrides: six working days move every deadline', async () => {
    const ut = named('deadlines_count_working_days_across_national_day');
    const r = await runUnitTest(real, { ...ut, config: { 'publicity.timely_working_days': 6 } }, config);
    expect(r.status).toBe('fail');
    expect(r.unexpected).toContainEqual({ date: '2025-09-26', deadline_date: '2025-10-11' });
  });

  it('reports a given column the input does not have as an error', async () => {
    const ut = named('deadlines_count_working_days_across_national_day');
    const given = [{ input: 'source:ref.calendar', rows: [{ date: '2025-01-01', is_workday: true }] }];
    const r = await runUnitTest(real, { ...ut, given }, config);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/ref\.calendar has no column is_workday/);
  });

  it('refuses a given input the model does not read, and a missing as_of for a model that reads it', () => {
    const files = (given: string, vars = '') => ({
      '_sources.yml': SOURCES,
      'staging/stg_items.sql': `select id, {{ var('as_of') }} as as_of from {{ source('raw', 'items') }}`,
      'staging/_staging.yml': `unit_tests:
  - name: t
    model: stg_items
${vars}    given:
      - input: "${given}"
        rows: [{ id: 1 }]
    expect:
      rows: [{ id: 1 }]
`,
    });
    expect(() =>
      loadProject(project(null, files(`source('raw', 'other')`, '    vars: { as_of: 2025-12-31 }\n'))),
    ).toThrow(/unit test t gives source:raw.other, which stg_items does not read/);
    expect(() => loadProject(project(null, files(`source('raw', 'items')`)))).toThrow(
      /stg_items reads var\('as_of'\); give vars: \{ as_of: YYYY-MM-DD \}/,
    );
  });

  it('runs a small project’s unit test against its declared sources', async () => {
    const p = loadProject(
      project(null, {
        '_sources.yml': `${SOURCES}          - { name: tags, data_type: "VARCHAR[]" }\n`,
        'staging/stg_items.sql': `select id * 2 as id2, len(tags) as n from {{ source('raw', 'items') }}`,
        'staging/_staging.yml': `unit_tests:
  - name: doubles
    model: stg_items
    given:
      - input: "source('raw', 'items')"
        rows: [{ id: 1, tags: [a, b] }, { id: 5 }]
    expect:
      rows: [{ id2: 2, n: 2 }, { id2: 10, n: null }]
`,
      }),
    );
    const r = await runUnitTest(p, p.unitTests[0]!, config);
    expect(r).toMatchObject({ status: 'pass', missing: [], unexpected: [] });
  });
});
