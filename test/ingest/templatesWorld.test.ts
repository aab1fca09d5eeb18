/**
 * The generated world delivers real template shapes (issue 17): departments on the 双公示 templates and
 * one on the provincial code schema load with every USCC they deliver typed; the file with an unmapped
 * USCC column is refused and stays in the inbox, exactly as the answer key lists it; after
 * `sentinel headers confirm` the next ingest loads it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../lib/dataDir.js';
import { copyOfSharedWorld, sharedWorldDir } from '../sharedWorld/index.js';
import { query } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
const SHIPPED = fileURLToPath(new URL('../../header-mappings.yaml', import.meta.url));

interface RefusedFile {
  source: string;
  file: string;
  header: string;
  field: string;
  rows: number;
}

const refusedOf = (dir: string): RefusedFile[] =>
  (JSON.parse(readFileSync(join(dir, 'answer-key', 'planted_cases.json'), 'utf8')) as { refused_files: RefusedFile[] })
    .refused_files;

/** Rows of a source's files whose names contain `label`, and how many of them lost a delivered USCC. */
async function usccTyped(dir: string, source: 'penalties' | 'licenses', label: string) {
  const [r] = await query<{ rows: number; delivered: number; typed: number }>(
    dir,
    `select count(*)::int as rows,
       count(*) filter (where nullif(trim(r._cells[p.uscc[1]]), '') is not null)::int as delivered,
       count(r.uscc)::int as typed
     from raw.${source} r
     join landing.${source}__parts p using (_file_id, _part)
     join ingest.files f on f.file_id = r._file_id
     where f.file_name like ?`,
    [`%${label}%`],
  );
  return r!;
}

const sentinel = (dir: string, config: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, '--log-level', 'silent', '--data-dir', dir, '--config', config, ...args], {
    encoding: 'utf8',
  });

describe('the generated world’s real template shapes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await sharedWorldDir();
  }, 600_000);

  for (const [source, label] of [
    ['penalties', '城市管理行政处罚'],
    ['penalties', '消防行政处罚'],
    ['penalties', '生态环境行政处罚'],
    ['licenses', '市场监管行政许可'],
  ] as const) {
    it(`${label}: every USCC delivered on the template is typed`, async () => {
      const r = await usccTyped(dir, source, label);
      expect(r.rows).toBeGreaterThan(0);
      expect(r.delivered).toBeGreaterThan(0);
      expect(r.typed).toBe(r.delivered);
      const unknown = await query<{ n: number }>(
        dir,
        `select count(*)::int as n from ingest.file_parts p join ingest.files f using (file_id)
         where f.file_name like ? and len(p.unknown_headers) > 0`,
        [`%${label}%`],
      );
      expect(unknown).toEqual([{ n: 0 }]);
    });
  }

  it('refuses exactly the files the answer key lists, which stay in the inbox', async () => {
    const refused = refusedOf(dir);
    expect(refused).toHaveLength(1);
    for (const f of refused) {
      expect(existsSync(join(paths.sourceInbox(dir, f.source), f.file))).toBe(true);
      const log = await query<{ status: string; message: string; unknown_headers: string[] }>(
        dir,
        'select status, message, unknown_headers from ingest.load_log where file_name = ?',
        [f.file],
      );
      expect(log).toHaveLength(1);
      expect(log[0]!.status).toBe('failed');
      expect(log[0]!.message).toContain(`列「${f.header}」可能是「${f.field}」`);
      expect(log[0]!.unknown_headers).toEqual([f.header]);
    }
    const failed = await query<{ file_name: string }>(
      dir,
      `select file_name from ingest.load_log where status = 'failed'`,
    );
    expect(failed.map((r) => r.file_name)).toEqual(refused.map((f) => f.file));
  });

  it('loads the refused file at the next ingest once `sentinel headers confirm` mapped its header', async () => {
    const world = await copyOfSharedWorld('templates-');
    const mappings = join(world, 'header-mappings.yaml');
    copyFileSync(SHIPPED, mappings);
    const config = join(world, 'override.yaml');
    writeFileSync(config, `ingest:\n  header_mappings_file: ${JSON.stringify(mappings)}\n`);
    const [f] = refusedOf(world);

    const listed = sentinel(world, config, 'headers');
    expect(listed.status, listed.stderr).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.startsWith(`penalties\t${f!.header}\t`));
    expect(line).toContain('pending');
    expect(line).toContain(f!.field);
    expect(line).toContain(f!.file);

    // Without --field the proposed field is taken, as the page's button takes the preselected one.
    const confirmed = sentinel(
      world,
      config,
      'headers',
      'confirm',
      '--source',
      'penalties',
      '--header',
      f!.header,
      '--by',
      'office1',
    );
    expect(confirmed.status, confirmed.stderr).toBe(0);
    expect(readFileSync(mappings, 'utf8')).toMatch(new RegExp(`${f!.header}: ${f!.field}\\n\\s+confirmed_by: office1`));
    expect(sentinel(world, config, 'headers', 'check').status).toBe(0);

    const ingested = sentinel(world, config, 'ingest');
    expect(ingested.status, ingested.stdout + ingested.stderr).toBe(0);
    expect(existsSync(join(paths.sourceInbox(world, f!.source), f!.file))).toBe(false);
    const r = await usccTyped(world, 'penalties', f!.file);
    expect(r).toEqual({ rows: f!.rows, delivered: f!.rows, typed: f!.rows });
    expect(sentinel(world, config, 'headers').stdout).toContain('(no unknown header waits for a mapping)');
  }, 600_000);
});
