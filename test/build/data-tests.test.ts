import { describe, it, expect, beforeAll } from 'vitest';
import { withDb } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import { readPointer } from '../../lib/publish/pointer.js';
import type { BuildResult } from '../../pipelines/build/build.js';
import { addPenalties, project, published, runBuild, tempDir } from './helpers.js';

async function seedItems(dataDir: string): Promise<void> {
  await withDb(paths.warehouse(dataDir), {}, (db) =>
    db.exec(`create schema if not exists raw;
      create or replace table raw.items as select * from (values
        (1, 'open', 10, 5.0), (2, 'closed', 10, 7.5), (3, 'closed', 20, 1.0), (3, 'bogus', 99, -2.0), (null, 'open', 20, 3.0)
      ) as t(id, status, parent_id, amount);
      create or replace table raw.parents as select * from (values (10), (20)) as t(parent_id);`),
  );
}

const files = {
  'staging/stg_items.sql': `select * from {{ source('raw', 'items') }}`,
  'staging/stg_parents.sql': `select * from {{ source('raw', 'parents') }}`,
  'staging/_staging.yml': `
models:
  - name: stg_parents
    columns:
      - name: parent_id
        tests: [unique, not_null]
  - name: stg_items
    tests:
      - expression: 'amount < 100'
      - expression: 'amount >= 0'
      - unique: { columns: [id, status] }
    columns:
      - name: id
        tests: [unique, not_null]
      - name: status
        tests:
          - accepted_values: { values: [open, closed, bogus] }
          - accepted_values: { values: [open, closed] }
      - name: parent_id
        tests:
          - relationships: { to: "ref('stg_parents')", field: parent_id }
          - relationships: { to: "ref('stg_items')", field: id, severity: warn }
`,
  'tests/amounts_are_small.sql': `select * from {{ ref('stg_items') }} where amount > 1000`,
  'tests/no_negative_amounts.sql': `-- severity: warn\nselect * from {{ ref('stg_items') }} where amount < 0`,
};

describe('data tests', () => {
  let result: BuildResult;
  const outcome = (name: string) => {
    const t = result.tests.find((x) => x.test === name);
    if (!t) throw new Error(`no test ${name} in ${result.tests.map((x) => x.test).join(', ')}`);
    return { status: t.status, failures: t.failures };
  };

  beforeAll(async () => {
    const dataDir = tempDir('data');
    await seedItems(dataDir);
    result = await runBuild(dataDir, project(null, files));
  });

  it('passes and fails unique, on one column and on several', () => {
    expect(outcome('unique(stg_parents.parent_id)')).toEqual({ status: 'pass', failures: 0 });
    expect(outcome('unique(stg_items.id)')).toEqual({ status: 'fail', failures: 1 });
    expect(outcome('unique(stg_items.id+status)')).toEqual({ status: 'pass', failures: 0 });
  });

  it('passes and fails not_null', () => {
    expect(outcome('not_null(stg_parents.parent_id)')).toEqual({ status: 'pass', failures: 0 });
    expect(outcome('not_null(stg_items.id)')).toEqual({ status: 'fail', failures: 1 });
  });

  it('passes and fails accepted_values', () => {
    expect(outcome('accepted_values(stg_items.status)')).toEqual({ status: 'pass', failures: 0 });
    expect(outcome('accepted_values(stg_items.status)#2')).toEqual({ status: 'fail', failures: 1 });
  });

  it('passes and fails relationships, with warn severity reported as a warning', () => {
    expect(outcome('relationships(stg_items.parent_id -> stg_parents.parent_id)')).toEqual({
      status: 'fail',
      failures: 1,
    });
    expect(outcome('relationships(stg_items.parent_id -> stg_items.id)')).toEqual({ status: 'warn', failures: 5 });
  });

  it('passes and fails expression tests', () => {
    expect(outcome('expression(stg_items: amount < 100)')).toEqual({ status: 'pass', failures: 0 });
    expect(outcome('expression(stg_items: amount >= 0)')).toEqual({ status: 'fail', failures: 1 });
  });

  it('passes and fails singular SQL tests, reading their severity from the file', () => {
    expect(outcome('amounts_are_small')).toEqual({ status: 'pass', failures: 0 });
    expect(outcome('no_negative_amounts')).toEqual({ status: 'warn', failures: 1 });
  });

  it('keeps a sample of the failing rows', () => {
    const t = result.tests.find((x) => x.test === 'expression(stg_items: amount >= 0)')!;
    expect(JSON.parse(t.sample)).toEqual([{ id: 3, status: 'bogus', parent_id: 99, amount: -2 }]);
  });

  it('publishes nothing when an error test fails', () => {
    expect(result.published).toBe(false);
    expect(result.status).toBe('failed');
  });
});

describe('publishing', () => {
  it('keeps the previous build serving when an error test fails', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, [{ file: 1, key: 'a|1', authority: 'a', date: '2025-10-01', fine: 10 }]);
    const models = project('basic');
    const good = await runBuild(dataDir, models);
    // a fine of 5 billion yuan breaks the fixture's singular test (error severity)
    await addPenalties(dataDir, [{ file: 2, key: 'a|2', authority: 'a', date: '2025-10-02', fine: 5e9 }]);
    const bad = await runBuild(dataDir, models);
    expect(bad.published).toBe(false);
    expect(bad.tests.find((t) => t.test === 'assert_fines_within_bounds')).toMatchObject({
      status: 'fail',
      failures: 1,
    });
    expect(readPointer(dataDir)?.build_id).toBe(good.buildId);
    expect(await published(dataDir, 'select count(*) as n from int_penalties_latest')).toEqual([{ n: 1 }]);
    const history = await withDb(paths.warehouse(dataDir), { readOnly: true }, (db) =>
      db.all('select status from runs.builds order by started_at'),
    );
    expect(history).toEqual([{ status: 'published' }, { status: 'failed' }]);
  });

  it('records a failing model, skips its dependants and publishes nothing', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, [{ file: 1, key: 'a|1', authority: 'a', date: '2025-10-01', fine: 10 }]);
    const models = project('basic', {
      'intermediate/int_penalties_latest.sql': `select no_such_column from {{ ref('stg_penalties') }}`,
    });
    const result = await runBuild(dataDir, models);
    expect(result.published).toBe(false);
    expect(result.status).toBe('error');
    const status = Object.fromEntries(result.models.map((m) => [m.model, m.status]));
    expect(status).toEqual({
      stg_penalties: 'success',
      int_penalties_latest: 'error',
      daily_penalties: 'skipped',
      repeat_authorities: 'skipped',
    });
    expect(result.models.find((m) => m.model === 'int_penalties_latest')?.message).toMatch(/no_such_column/);
    expect(readPointer(dataDir)).toBeNull();
  });
});
