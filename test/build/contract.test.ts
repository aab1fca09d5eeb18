import { describe, it, expect, beforeAll } from 'vitest';
import { withDb } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import type { BuildResult } from '../../pipelines/build/build.js';
import { loadProject } from '../../pipelines/build/project.js';
import { project, runBuild, tempDir } from './helpers.js';

const columns = (spec: Array<[string, string]>) =>
  spec.map(([name, type]) => `      - name: ${name}\n        data_type: "${type}"\n`).join('');

const files = {
  'marts/items.sql': `select id::integer as id, label, tags from {{ source('raw', 'items') }}`,
  'marts/_marts.yml': `models:
  - name: items
    columns:
${columns([
  ['id', 'INTEGER'],
  ['label', 'VARCHAR'],
  ['tags', 'VARCHAR[]'],
])}`,
};

describe('column contracts (data_type in the YAML)', () => {
  let dataDir: string;
  const build = (yml: string): Promise<BuildResult> =>
    runBuild(
      dataDir,
      project(null, { ...files, 'marts/_marts.yml': `models:\n  - name: items\n    columns:\n${yml}` }),
    );
  const contract = (r: BuildResult) => r.tests.find((t) => t.test === 'contract(items)');

  beforeAll(async () => {
    dataDir = tempDir('data');
    await withDb(paths.warehouse(dataDir), {}, (db) =>
      db.exec(`create schema raw;
        create table raw.items as select 1::bigint as id, 'a' as label, ['x', 'y'] as tags`),
    );
  });

  it('passes when the built columns, their order and DuckDB types are those of the YAML', async () => {
    const r = await runBuild(dataDir, project(null, files));
    expect(contract(r)).toMatchObject({ status: 'pass', failures: 0, kind: 'contract' });
    expect(r.published).toBe(true);
  });

  it('fails the build on a wrong type, a missing, an extra or a moved column', async () => {
    const wrongType = await build(
      columns([
        ['id', 'BIGINT'],
        ['label', 'VARCHAR'],
        ['tags', 'VARCHAR[]'],
      ]),
    );
    expect(contract(wrongType)).toMatchObject({ status: 'fail', failures: 1 });
    expect(JSON.parse(contract(wrongType)!.sample)).toEqual([
      { column_name: 'id', expected_position: 1, actual_position: 1, expected_type: 'BIGINT', actual_type: 'INTEGER' },
    ]);
    expect(wrongType.published).toBe(false);
    const extra = await build(
      columns([
        ['id', 'INTEGER'],
        ['label', 'VARCHAR'],
      ]),
    );
    expect(contract(extra)).toMatchObject({ status: 'fail', failures: 1 });
    const missing = await build(
      columns([
        ['id', 'INTEGER'],
        ['label', 'VARCHAR'],
        ['tags', 'VARCHAR[]'],
        ['n', 'INTEGER'],
      ]),
    );
    expect(contract(missing)).toMatchObject({ status: 'fail', failures: 1 });
    const moved = await build(
      columns([
        ['label', 'VARCHAR'],
        ['id', 'INTEGER'],
        ['tags', 'VARCHAR[]'],
      ]),
    );
    expect(contract(moved)).toMatchObject({ status: 'fail', failures: 2 });
  });

  it('refuses a model whose data_type is declared on some columns only', () => {
    const yml = `models:\n  - name: items\n    columns:\n${columns([['id', 'INTEGER']])}      - name: label\n`;
    expect(() => loadProject(project(null, { ...files, 'marts/_marts.yml': yml }))).toThrow(
      /declares data_type on some columns only; add it to label/,
    );
  });
});
