import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withDb } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { addPenalties, project, published, runBuild, tempDir, type Penalty } from './helpers.js';
import type { BuildResult } from '../../pipelines/build/build.js';
import { loadConfig } from '../../lib/config/load.js';

const A = '海沧区市场监督管理局';
const B = '海沧区生态环境局';

const first: Penalty[] = [
  { file: 1, key: `${A}|1`, authority: A, date: '2025-11-01', fine: 2000 },
  { file: 1, key: `${A}|2`, authority: A, date: '2025-11-02', fine: 500 },
  { file: 1, key: `${A}|3`, authority: A, date: '2025-11-03', fine: 1000 },
  { file: 1, key: `${B}|1`, authority: B, date: '2025-11-03', fine: 800 },
  { file: 1, key: `${B}|2`, authority: B, date: '2025-11-03', fine: 0, reason: 'missing_required:处罚决定日期' },
];

describe('model build', () => {
  it('builds the DAG in dependency order and publishes a build that records its as-of and run id', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, first);
    const result = await runBuild(dataDir, project('basic'));
    expect(result.message).toBeNull();
    expect(result.published).toBe(true);
    const names = result.models.map((m) => m.model);
    expect(names.indexOf('stg_penalties')).toBeLessThan(names.indexOf('int_penalties_latest'));
    expect(names.indexOf('int_penalties_latest')).toBeLessThan(names.indexOf('repeat_authorities'));
    expect(names.indexOf('int_penalties_latest')).toBeLessThan(names.indexOf('daily_penalties'));

    expect(readPointer(dataDir)).toMatchObject({ build_id: result.buildId, as_of: '2025-12-31' });
    expect(await published(dataDir, 'select * from repeat_authorities')).toEqual([{ authority: A, penalty_count: 3 }]);
    expect(await published(dataDir, 'select build_id, as_of, status from runs.builds')).toEqual([
      { build_id: result.buildId, as_of: '2025-12-31', status: 'published' },
    ]);
    // Staging views read the build's own copy of the sources: the file answers without the warehouse.
    expect(await published(dataDir, 'select count(*) as n from stg_penalties')).toEqual([{ n: 4 }]);
  });

  it('keeps every run and test outcome in the warehouse history', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, [...first, { file: 2, key: `${B}|9`, authority: B, date: '2025-11-05', fine: -5 }]);
    const one = await runBuild(dataDir, project('basic'));
    const two = await runBuild(dataDir, project('basic'));
    const history = await withDb(paths.warehouse(dataDir), { readOnly: true }, async (db) => ({
      builds: await db.all('select build_id, status from runs.builds order by started_at'),
      models: await db.value('select count(*) from runs.models'),
      warned: await db.all(
        `select build_id, test, status, failures, sample->>'$[0].penalty_key' as key from runs.tests where status = 'warn' order by build_id`,
      ),
    }));
    expect(history.builds).toEqual([
      { build_id: one.buildId, status: 'published' },
      { build_id: two.buildId, status: 'published' },
    ]);
    expect(history.models).toBe(8);
    expect(history.warned).toEqual([
      {
        build_id: one.buildId,
        test: 'expression(stg_penalties.fine_yuan: fine_yuan >= 0)',
        status: 'warn',
        failures: 1,
        key: `${B}|9`,
      },
      {
        build_id: two.buildId,
        test: 'expression(stg_penalties.fine_yuan: fine_yuan >= 0)',
        status: 'warn',
        failures: 1,
        key: `${B}|9`,
      },
    ]);
  });

  it('gives the same published data incrementally as a full refresh of the same inputs', async () => {
    const incremental = tempDir('data');
    const full = tempDir('data');
    const models = project('basic');
    const later: Penalty[] = [
      // a correction of a known key, a new key, and a late record inside the 3-day lookback
      { file: 2, key: `${A}|2`, authority: A, date: '2025-11-02', fine: 700 },
      { file: 2, key: `${B}|3`, authority: B, date: '2025-11-04', fine: 300 },
      { file: 2, key: `${A}|4`, authority: A, date: '2025-11-02', fine: 100 },
    ];
    await addPenalties(incremental, first);
    const base = await runBuild(incremental, models);
    await addPenalties(incremental, later);
    const inc = await runBuild(incremental, models);
    expect(inc.published).toBe(true);
    await addPenalties(full, [...first, ...later]);
    await runBuild(full, models, { fullRefresh: true });
    // The incremental run really merged instead of rebuilding.
    expect(base.models.find((m) => m.model === 'int_penalties_latest')?.rows).toBe(4);
    for (const table of ['int_penalties_latest', 'daily_penalties', 'repeat_authorities']) {
      const sql = `select * from ${table} order by all`;
      expect(await published(incremental, sql), table).toEqual(await published(full, sql));
    }
    expect(
      await published(incremental, `select fine_yuan from int_penalties_latest where penalty_key = '${A}|2'`),
    ).toEqual([{ fine_yuan: 700 }]);
  });

  it('cuts off early: a small table computed again to the same rows leaves what reads it carried', async () => {
    const dataDir = tempDir('data');
    const models = project(null, {
      'staging/stg.sql': `select _key as k, authority, _file_id as file_id from {{ source('raw', 'penalties') }}`,
      'intermediate/authorities.sql': `select distinct authority from {{ ref('stg') }}`,
      'intermediate/_i.yml': 'models:\n  - name: authorities\n    config: { materialized: table }\n',
      'marts/authority_names.sql': `select authority, length(authority) as n from {{ ref('authorities') }}`,
    });
    await addPenalties(dataDir, first);
    await runBuild(dataDir, models);
    const action = (r: BuildResult, m: string) => r.models.find((x) => x.model === m)?.action;
    await addPenalties(dataDir, [{ file: 2, key: `${A}|9`, authority: A, date: '2025-11-05', fine: 100 }]);
    const same = await runBuild(dataDir, models);
    expect([action(same, 'authorities'), action(same, 'authority_names')]).toEqual(['built', 'carried']);
    const C = '海沧区交通运输局';
    await addPenalties(dataDir, [{ file: 3, key: `${C}|1`, authority: C, date: '2025-11-06', fine: 100 }]);
    const changed = await runBuild(dataDir, models);
    expect([action(changed, 'authorities'), action(changed, 'authority_names')]).toEqual(['built', 'built']);
    expect((await published(dataDir, 'select authority from authority_names')).map((r) => r.authority).sort()).toEqual(
      [A, B, C].sort(),
    );
  });

  it('builds within the configured memory limit: a limit too small for the work fails the build, and nothing is published', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, first);
    const models = project('basic', {
      // Far more than 2 MB of distinct strings, held by one aggregate.
      'marts/big.sql': `select count(distinct repeat('x', 200) || i::varchar) as n from range(400000) as t(i)`,
    });
    const tight = loadConfig({ override: { builds: { memory_limit: '2MB' } } });
    const r = await runBuild(dataDir, models, { config: tight }).catch((e: Error) => e);
    const message = r instanceof Error ? r.message : (r.models.find((m) => m.model === 'big')?.message ?? '');
    expect(message).toMatch(/memory/i);
    expect(readPointer(dataDir)).toBeNull();
    // The same build publishes under the default.
    expect((await runBuild(dataDir, models)).published).toBe(true);
  });

  it('rebuilds only the selected model and its dependants, carrying the rest over', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, first);
    const models = project('basic');
    await runBuild(dataDir, models);
    const result = await runBuild(dataDir, models, { select: ['int_penalties_latest+'] });
    const action = Object.fromEntries(result.models.map((m) => [m.model, m.action]));
    expect(action).toEqual({
      stg_penalties: 'built',
      int_penalties_latest: 'built',
      daily_penalties: 'built',
      repeat_authorities: 'built',
    });
    const only = await runBuild(dataDir, models, { select: ['repeat_authorities'] });
    expect(Object.fromEntries(only.models.map((m) => [m.model, m.action]))).toMatchObject({
      int_penalties_latest: 'carried',
      daily_penalties: 'carried',
      repeat_authorities: 'built',
    });
    expect(only.published).toBe(true);
    expect(await published(dataDir, 'select count(*) as n from daily_penalties')).toEqual([{ n: 3 }]);
  });

  it('deletes old builds beyond the number kept', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, first);
    const models = project('basic');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await runBuild(dataDir, models)).buildId);
    const present = ids.map((id) => existsSync(join(paths.builds(dataDir), `${id}.duckdb`)));
    expect(present).toEqual([false, false, true, true, true]);
  });
});

describe('a partial build', () => {
  it('is refused when its as-of differs from the published build it would copy the other models from', async () => {
    const dataDir = tempDir('data');
    await addPenalties(dataDir, first);
    expect((await runBuild(dataDir, project('basic'))).published).toBe(true);
    await expect(
      runBuild(dataDir, project('basic'), { select: ['repeat_authorities'], asOf: '2026-01-31' }),
    ).rejects.toThrow(/published build, which is as of 2025-12-31/);
    const same = await runBuild(dataDir, project('basic'), { select: ['repeat_authorities'] });
    expect(same.published).toBe(true);
  });
});
