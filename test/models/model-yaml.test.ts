import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_MODELS_DIR } from '../../pipelines/build/build.js';
import { loadProject } from '../../pipelines/build/project.js';
import type { Project } from '../../pipelines/build/types.js';
import { project } from '../build/helpers.js';

/** What the models folder must hold: a data test on every model, a documented contract on every mart. */
function yamlGaps(p: Project): string[] {
  const tested = new Set(p.tests.filter((t) => t.kind !== 'contract').flatMap((t) => t.models));
  const gaps = [...p.models.values()].filter((m) => !tested.has(m.name)).map((m) => `${m.name}: no data test`);
  for (const m of p.models.values()) {
    if (m.layer !== 'marts') continue;
    if (m.columns.length === 0) gaps.push(`${m.name}: no columns declared`);
    for (const c of m.columns) {
      if (!c.description.trim()) gaps.push(`${m.name}.${c.name}: no description`);
      if (!c.data_type) gaps.push(`${m.name}.${c.name}: no data_type`);
    }
  }
  return gaps;
}

describe('the models YAML', () => {
  const p = loadProject(DEFAULT_MODELS_DIR);

  it('tests every model and documents and types every mart column', () => {
    expect(yamlGaps(p)).toEqual([]);
  });

  it('finds a model without a data test and a mart column without a description', () => {
    const gaps = yamlGaps(
      loadProject(
        project(null, {
          'staging/stg_a.sql': 'select 1 as id',
          'marts/m.sql': `select id, 2 as n from {{ ref('stg_a') }}`,
          'marts/_marts.yml': `models:
  - name: m
    columns:
      - { name: id, data_type: INTEGER, description: The id., tests: [unique] }
      - { name: n, data_type: INTEGER }
`,
        }),
      ),
    );
    expect(gaps).toEqual(['stg_a: no data test', 'm.n: no description']);
  });

  it('names only models that exist in models/README.md', () => {
    const readme = readFileSync(join(DEFAULT_MODELS_DIR, 'README.md'), 'utf8');
    const named = new Set([
      ...[...readme.matchAll(/\b((?:stg|int)_\w+)/g)].map((m) => m[1]),
      ...[...readme.matchAll(/ref\('(\w+)'\)/g)].map((m) => m[1]),
      ...[...readme.matchAll(/(?:--select [+]?|name: |model: )(\w+)/g)].map((m) => m[1]),
    ]);
    // Sources, columns and the template call's placeholder ref('model'), named in the examples too.
    const others = ['model', 'raw', 'penalties', 'uscc', 'event_count', 'calendar', '_file_id', 'decision_date'];
    const unknown = [...named].filter((n) => n && !p.models.has(n) && !others.includes(n));
    expect(unknown).toEqual(['deadlines_count_working_days_across_national_day']);
    expect(p.unitTests.map((u) => u.name)).toContain('deadlines_count_working_days_across_national_day');
  });

  it('has one YAML per staging folder, _<source>.yml, describing exactly that folder’s models', () => {
    const staging = join(DEFAULT_MODELS_DIR, 'staging');
    expect(readdirSync(staging).filter((f) => f.endsWith('.yml'))).toEqual([]);
    for (const source of readdirSync(staging)) {
      const yml = join(staging, source, `_${source}.yml`);
      expect(existsSync(yml), yml).toBe(true);
      const described = (parse(readFileSync(yml, 'utf8')) as { models: Array<{ name: string }> }).models.map(
        (m) => m.name,
      );
      const sql = readdirSync(join(staging, source))
        .filter((f) => f.endsWith('.sql'))
        .map((f) => f.replace(/\.sql$/, ''));
      expect(described.sort(), source).toEqual(sql.sort());
    }
  });
});
