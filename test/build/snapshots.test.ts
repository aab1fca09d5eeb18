import { describe, it, expect } from 'vitest';
import { withDb } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import { project, published, runBuild, tempDir } from './helpers.js';

async function deliver(
  dataDir: string,
  fileId: number,
  fileName: string,
  loaded: string,
  rows: Array<[string, string, string]>,
): Promise<void> {
  await withDb(paths.warehouse(dataDir), {}, async (db) => {
    await db.exec(`create schema if not exists raw; create schema if not exists ingest;
      create table if not exists ingest.files (file_id bigint, file_name varchar, loaded_date date);
      create table if not exists raw.serious_list (_file_id bigint, _row_number integer, _reason varchar, _findings varchar[],
        _key varchar, authority_norm varchar, listed_date date, removed_date date, removal_reason varchar)`);
    await db.run('insert into ingest.files values (?, ?, ?::date)', [fileId, fileName, loaded]);
    for (const [i, [key, authority, listed]] of rows.entries()) {
      await db.run(`insert into raw.serious_list values (?, ?, null, [], ?, ?, ?::date, null, null)`, [
        fileId,
        i + 1,
        key,
        authority,
        listed,
      ]);
    }
  });
}

const TAX = '国家税务总局厦门市海沧区税务局';
const HR = '海沧区人力资源和社会保障局';

describe('lists delivered as full snapshots', () => {
  it('removes an active entry missing from a later full snapshot of its authority, as of the snapshot date, keeping its history', async () => {
    const dataDir = tempDir('data');
    await deliver(dataDir, 1, '20250101_严重失信主体名单.json', '2025-01-02', [
      ['tax-1', TAX, '2024-05-01'],
      ['tax-2', TAX, '2024-06-01'],
      ['hr-1', HR, '2024-07-01'],
    ]);
    // a full snapshot of the tax authority only: tax-2 is gone, hr-1 is outside its scope
    await deliver(dataDir, 2, '20250301_严重失信主体名单_全量.json', '2025-03-05', [['tax-1', TAX, '2024-05-01']]);
    // an incremental delivery afterwards does not remove anything
    await deliver(dataDir, 3, '20250401_新增.json', '2025-04-02', [['tax-3', TAX, '2025-03-20']]);
    // a full snapshot without a date in its name takes its ingestion date
    await deliver(dataDir, 4, 'hr_list_full.csv', '2025-05-10', [['hr-2', HR, '2025-05-01']]);

    const result = await runBuild(dataDir, project('lists'));
    expect(result.message).toBeNull();
    expect(
      await published(
        dataDir,
        'select entry_key, removed_date, removal_reason, is_active from stg_serious_list order by 1',
      ),
    ).toEqual([
      { entry_key: 'hr-1', removed_date: '2025-05-10', removal_reason: 'absent_from_full_snapshot', is_active: false },
      { entry_key: 'hr-2', removed_date: null, removal_reason: null, is_active: true },
      { entry_key: 'tax-1', removed_date: null, removal_reason: null, is_active: true },
      { entry_key: 'tax-2', removed_date: '2025-03-01', removal_reason: 'absent_from_full_snapshot', is_active: false },
      { entry_key: 'tax-3', removed_date: null, removal_reason: null, is_active: true },
    ]);
    // history kept: every delivered row is still in the build's copy of the raw table
    expect(await published(dataDir, `select count(*) as n from raw.serious_list where _key = 'tax-2'`)).toEqual([
      { n: 1 },
    ]);
  });

  it('lists an entry again when it is delivered after the snapshot that removed it', async () => {
    const dataDir = tempDir('data');
    await deliver(dataDir, 1, '20250101_a.json', '2025-01-01', [
      ['tax-1', TAX, '2024-05-01'],
      ['tax-2', TAX, '2024-05-01'],
    ]);
    await deliver(dataDir, 2, '20250201_a_全量.json', '2025-02-01', [['tax-1', TAX, '2024-05-01']]);
    await deliver(dataDir, 3, '20250301_a.json', '2025-03-01', [['tax-2', TAX, '2024-05-01']]);
    await runBuild(dataDir, project('lists'));
    expect(
      await published(dataDir, `select removed_date, is_active from stg_serious_list where entry_key = 'tax-2'`),
    ).toEqual([{ removed_date: null, is_active: true }]);
  });

  it("reads the ingest's own full-snapshot mark and extract date from its load log by default", async () => {
    const dataDir = tempDir('data');
    await withDb(paths.warehouse(dataDir), {}, async (db) => {
      await db.exec(`create schema raw; create schema ingest;
        create table ingest.files as select * from (values
          (1, 'a.json', false, null::date, date '2025-01-01'),
          (2, 'b.json', true, date '2025-02-10', date '2025-02-12')
        ) as t(file_id, file_name, is_full_snapshot, extract_date, ingested_date);
        create table raw.serious_list as select * from (values
          (1, 1, null, 'tax-1', '${TAX}', date '2024-05-01', null::date, null),
          (1, 2, null, 'tax-2', '${TAX}', date '2024-05-01', null::date, null),
          (2, 1, null, 'tax-1', '${TAX}', date '2024-05-01', null::date, null)
        ) as t(_file_id, _row_number, _reason, _key, authority_norm, listed_date, removed_date, removal_reason);`);
    });
    const yaml = `models:\n  - name: stg_serious_list\nsnapshots:\n  - name: serious_list\n    source: raw.serious_list\n    scope: authority_norm\n`;
    await runBuild(dataDir, project('lists', { 'staging/_staging.yml': yaml }));
    expect(await published(dataDir, `select entry_key, removed_date from stg_serious_list order by 1`)).toEqual([
      { entry_key: 'tax-1', removed_date: null },
      { entry_key: 'tax-2', removed_date: '2025-02-10' },
    ]);
  });
});
