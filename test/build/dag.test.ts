import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { paths } from '../../lib/dataDir.js';
import { selectModels, topoOrder } from '../../pipelines/build/dag.js';
import { loadProject } from '../../pipelines/build/project.js';
import { project, runBuild, tempDir } from './helpers.js';

const chain = {
  'staging/a.sql': `select 1 as x`,
  'intermediate/b.sql': `select * from {{ ref('a') }}`,
  'intermediate/c.sql': `select * from {{ ref('a') }} join {{ ref('b') }} using (x)`,
  'marts/d.sql': `select * from {{ ref('c') }}`,
  'marts/e.sql': `select * from {{ ref('b') }}`,
};

describe('model DAG', () => {
  it('orders models so every model comes after the models it refs, including refs in JOIN … USING', () => {
    const order = topoOrder(loadProject(project(null, chain)));
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('selects a model with its dependants (model+) or its ancestors (+model)', () => {
    const p = loadProject(project(null, chain));
    expect([...selectModels(p, ['b+'])].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect([...selectModels(p, ['+c'])].sort()).toEqual(['a', 'b', 'c']);
    expect([...selectModels(p, ['d', 'e'])].sort()).toEqual(['d', 'e']);
    expect(() => selectModels(p, ['nope+'])).toThrow(/no model is named nope/);
  });

  it('refuses a cycle before touching the database, naming the models in it', async () => {
    const dataDir = tempDir('data');
    const models = project(null, { ...chain, 'staging/a.sql': `select * from {{ ref('d') }}` });
    await expect(runBuild(dataDir, models)).rejects.toThrow('the models form a cycle: a -> d -> c -> a');
    expect(existsSync(paths.warehouse(dataDir))).toBe(false);
    expect(existsSync(paths.builds(dataDir))).toBe(false);
  });

  it('refuses a missing ref before touching the database, naming the model and the ref', async () => {
    const dataDir = tempDir('data');
    const models = project(null, { ...chain, 'marts/f.sql': `select * from {{ ref('nowhere') }}` });
    await expect(runBuild(dataDir, models)).rejects.toThrow('model f (marts/f.sql) refs missing model nowhere');
    expect(existsSync(paths.builds(dataDir))).toBe(false);
  });

  it('refuses a test that refs a missing model', () => {
    const p = project(null, {
      ...chain,
      'marts/_marts.yml': `models:\n  - name: d\n    columns:\n      - name: x\n        tests:\n          - relationships: { to: "ref('ghost')", field: x }\n`,
    });
    expect(() => topoOrder(loadProject(p))).toThrow(/test relationships\(d.x -> ghost.x\) .* refs missing model ghost/);
  });

  it('takes materialisation defaults from the layer folder, overridable in YAML', () => {
    const p = loadProject(
      project(null, { ...chain, 'marts/_marts.yml': `models:\n  - name: e\n    config: { materialized: view }\n` }),
    );
    const m = (n: string) => p.models.get(n)!.config.materialized;
    expect([m('a'), m('b'), m('d'), m('e')]).toEqual(['view', 'view', 'table', 'view']);
  });

  it('refuses YAML that describes a model with no SQL file', () => {
    expect(() => loadProject(project(null, { ...chain, 'marts/_marts.yml': `models:\n  - name: zz\n` }))).toThrow(
      /describes model zz, but no zz.sql exists/,
    );
  });

  it('allows a source watermark only on an incremental model that reads sources alone', () => {
    const yml = (name: string) =>
      `models:\n  - name: ${name}\n    config: { materialized: incremental, unique_key: k, watermark: f, source_watermark: _file_id }\n`;
    const ok = project(null, {
      'staging/s.sql': `select _key as k, _file_id as f from {{ source('raw', 'x') }}`,
      'staging/_s.yml': yml('s'),
    });
    expect(loadProject(ok).models.get('s')?.config.source_watermark).toBe('_file_id');
    const withRef = project(null, { ...chain, 'intermediate/b.yml': yml('b') });
    expect(() => loadProject(withRef)).toThrow(/source_watermark is for models that read sources only/);
    const withVar = project(null, {
      'staging/s.sql': `select {{ var('as_of') }} as d, 1 as k, 1 as f from {{ source('raw', 'x') }}`,
      'staging/_s.yml': yml('s'),
    });
    expect(() => loadProject(withVar)).toThrow(/no ref\(\), no var\(\)/);
  });

  it('allows a stream only on an incremental model by key, naming one of its refs', () => {
    const yml = (name: string, config: string) => `models:\n  - name: ${name}\n    config: { ${config} }\n`;
    const ok = project(null, {
      ...chain,
      'intermediate/b.yml': yml('b', 'materialized: incremental, unique_key: x, watermark: x, stream: a'),
    });
    expect(loadProject(ok).models.get('b')?.config.stream).toBe('a');
    const notRef = project(null, {
      ...chain,
      'intermediate/b.yml': yml('b', 'materialized: incremental, unique_key: x, watermark: x, stream: c'),
    });
    expect(() => loadProject(notRef)).toThrow(/its stream c is not one of its ref\(\)s/);
    const table = project(null, { ...chain, 'intermediate/b.yml': yml('b', 'materialized: table, stream: a') });
    expect(() => loadProject(table)).toThrow(/stream needs incremental by key/);
  });
});
