import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPointer } from '../../lib/publish/pointer.js';
import type { Catalog } from '../../pipelines/build/catalog.js';
import { addPenalties, project, tempDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
const sentinel = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('sentinel build and sentinel docs', () => {
  it('builds, prints a summary, publishes, and writes the catalogue with column types and lineage', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, [{ file: 1, key: 'a|1', authority: 'a', date: '2025-10-01', fine: 10 }]);
    const models = project('basic');
    const run = sentinel([
      'build',
      '--data-dir',
      dataDir,
      '--as-of',
      '2025-12-31',
      '--models-dir',
      models,
      '--log-level',
      'silent',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^int_penalties_latest\tbuilt\tsuccess\t1\t/m);
    expect(run.stdout).toMatch(/published build \S+ \(as-of 2025-12-31\)/);
    expect(readPointer(dataDir)?.as_of).toBe('2025-12-31');

    const docs = sentinel(['docs', '--data-dir', dataDir, '--models-dir', models]);
    expect(docs.status, docs.stderr).toBe(0);
    const catalog = JSON.parse(readFileSync(join(dataDir, 'docs', 'catalog.json'), 'utf8')) as Catalog;
    const latest = catalog.models.find((m) => m.name === 'int_penalties_latest')!;
    expect(latest.materialized).toBe('incremental');
    expect(latest.columns.find((c) => c.name === 'penalty_key')).toMatchObject({
      type: 'VARCHAR',
      tests: ['unique(int_penalties_latest.penalty_key)', 'not_null(int_penalties_latest.penalty_key)'],
    });
    expect(catalog.lineage.edges).toContainEqual({ from: 'source:raw.penalties', to: 'model:stg_penalties' });
    expect(catalog.lineage.edges).toContainEqual({
      from: 'model:int_penalties_latest',
      to: 'model:repeat_authorities',
    });
  });

  it('exits non-zero and says the previous build keeps serving when a test blocks publishing', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, [{ file: 1, key: 'a|1', authority: 'a', date: '2025-10-01', fine: 5e9 }]);
    const run = sentinel(['build', '--data-dir', dataDir, '--models-dir', project('basic'), '--log-level', 'silent']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/fail\tassert_fines_within_bounds\t1 row\(s\)/);
    expect(run.stdout).toMatch(
      /NOT published: error-severity test\(s\) failed: assert_fines_within_bounds; the previous build keeps serving/,
    );
  });

  it('refuses a cycle with a clear message and exit code 1', () => {
    const models = project(null, {
      'marts/a.sql': `select * from {{ ref('b') }}`,
      'marts/b.sql': `select * from {{ ref('a') }}`,
    });
    const run = sentinel(['build', '--data-dir', tempDir('data'), '--models-dir', models]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('sentinel: the models form a cycle: a -> b -> a');
  });
});
