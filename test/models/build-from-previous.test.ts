import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { paths } from '../../lib/dataDir.js';
import { build, DEFAULT_MODELS_DIR, type BuildResult } from '../../pipelines/build/build.js';
import { loadProject } from '../../pipelines/build/project.js';
import { generate } from '../../generator/generate.js';
import { DEFAULT_DIRT } from '../../generator/dirt.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { World } from './world.js';
import { differingTables, inboxFiles } from './compareBuilds.js';

/**
 * A build starts from a copy of the published build and appends only the rows delivered since
 * (pipelines/build/source-sync.ts). Whatever the history of deliveries, it must publish the same tables as
 * a --full-refresh build of the same warehouse.
 */
// Keeps a world of its own: it ingests the deliveries in two halves with a build between, which a world
// already ingested (the run's shared one) cannot replay; generating it is the cheap part of its set-up.
const AS_OF = '2025-12-31';
describe('a build from the previous build', () => {
  const world = new World();
  const config = loadConfig();
  let first: BuildResult;
  let second: BuildResult;
  let full: BuildResult;
  const statements: string[] = [];

  beforeAll(async () => {
    await generate({ scale: 'tiny', seed: 3, asOf: AS_OF, out: world.dir, dirt: DEFAULT_DIRT, progress: () => {} });
    // Hold back the later half of the deliveries, build, then deliver them and build again.
    const files = inboxFiles(world.dir);
    const later = files.slice(Math.floor(files.length / 2));
    const held = join(world.dir, 'held');
    for (const f of later) {
      mkdirSync(join(held, f, '..'), { recursive: true });
      renameSync(join(paths.inbox(world.dir), f), join(held, f));
    }
    await ingest({ dataDir: world.dir, config, log: silentLog() });
    first = await build({ dataDir: world.dir, asOf: AS_OF, config, log: silentLog() });
    for (const f of later) {
      mkdirSync(join(paths.inbox(world.dir), f, '..'), { recursive: true });
      renameSync(join(held, f), join(paths.inbox(world.dir), f));
    }
    await ingest({ dataDir: world.dir, config, log: silentLog() });
    second = await build({ dataDir: world.dir, asOf: AS_OF, config, log: silentLog(), trace: statements });
    full = await build({ dataDir: world.dir, asOf: AS_OF, config, log: silentLog(), fullRefresh: true });
  }, 480_000);

  it('appends the rows delivered since to every delivered source, and copies the rest', () => {
    expect(first.published && second.published && full.published).toBe(true);
    const mode = (r: BuildResult, t: string) => r.sources.find((s) => s.schema === 'raw' && s.table === t)?.mode;
    expect(mode(first, 'penalties')).toBe('copied');
    expect(mode(second, 'penalties')).toBe('appended');
    expect(mode(full, 'penalties')).toBe('copied');
    expect(second.sources.filter((s) => s.schema === 'raw').every((s) => s.mode === 'appended')).toBe(true);
    // The later deliveries really added rows after the first build.
    const rows = (r: BuildResult) => r.sources.filter((s) => s.schema === 'raw').reduce((n, s) => n + s.rows, 0);
    expect(rows(second)).toBeGreaterThan(rows(first));
    expect(rows(second)).toBe(rows(full));
  });

  it('merges only the new source rows into the incremental staging models', () => {
    const stg = statements.filter((q) => q.includes('"stg_penalties__decisions__batch" as select'));
    expect(stg).toHaveLength(1);
    expect(stg[0]).toContain(
      `from "raw"."penalties" where "_file_id" > (select coalesce(max("file_id"), -1) from main."stg_penalties__decisions")`,
    );
    expect(second.models.find((m) => m.model === 'stg_penalties__decisions')?.status).toBe('success');
  });

  it('publishes the same tables as a full refresh of the same warehouse', async () => {
    expect(await differingTables(second.file, full.file)).toEqual([]);
  });

  it('carries every table whose inputs did not change, and rebuilds what a new as-of changes', async () => {
    const again = await build({ dataDir: world.dir, asOf: AS_OF, config, log: silentLog() });
    const rebuilt = again.models.filter((m) => m.materialized !== 'view' && m.action === 'built').map((m) => m.model);
    // Only the warnings' and the grades' histories, which record every build, and what reads them: the red
    // list's monthly judgement takes each month's grade from the grades' history. It comes out the same, so
    // the red list and the lists' history after it are carried.
    expect(rebuilt.sort()).toEqual(['credit_grades_history', 'int_red_list_monthly', 'warnings', 'warnings_history']);
    expect(again.models.filter((m) => m.action === 'carried').length).toBeGreaterThan(30);
    const later = await build({ dataDir: world.dir, asOf: '2026-01-31', config, log: silentLog() });
    const carried = later.models.filter((m) => m.action === 'carried').map((m) => m.model);
    // What reads the as-of, itself or upstream, is computed again; the rest (staging, names) stays.
    const project = loadProject(DEFAULT_MODELS_DIR);
    const readsAsOf = (name: string): boolean => {
      const m = project.models.get(name)!;
      return m.tokens.some((t) => t.kind === 'var' && t.args[0] === 'as_of') || m.refs.some(readsAsOf);
    };
    const readsAsOfItself = (name: string) =>
      project.models.get(name)!.tokens.some((t) => t.kind === 'var' && t.args[0] === 'as_of');
    expect(carried).toContain('stg_penalties__decisions');
    expect(carried.filter(readsAsOfItself)).toEqual([]);
    // (Views are made again in every build; the warnings' history also reads the build id.)
    const built = later.models.filter((m) => m.action === 'built' && m.materialized !== 'view').map((m) => m.model);
    expect(built).toEqual(expect.arrayContaining(['repeat_violators', 'int_events_judged', 'indicators']));
    expect(built.filter((m) => !readsAsOf(m))).toEqual([]);
    // What reads the as-of only through a small table that came out the same is carried, and right.
    expect(carried.filter(readsAsOf).length).toBeGreaterThan(0);
    const whole = await build({ dataDir: world.dir, asOf: '2026-01-31', config, log: silentLog(), fullRefresh: true });
    expect(await differingTables(later.file, whole.file)).toEqual([]);
  });

  it('copies a source whole again when the typing changes (another unit-error threshold), and stages it whole', async () => {
    const other = loadConfig({
      override: { ingest: { unit_error_threshold_wan: config.ingest.unit_error_threshold_wan / 10 } },
    });
    const trace: string[] = [];
    const r = await build({ dataDir: world.dir, asOf: AS_OF, config: other, log: silentLog(), trace });
    expect(r.sources.find((s) => s.table === 'penalties')?.mode).toBe('copied');
    // Merging only new rows would keep the old rows' staged values typed the old way.
    expect(trace.some((q) => q.startsWith('create table main."stg_penalties__decisions" as'))).toBe(true);
    expect(trace.some((q) => q.includes('"stg_penalties__decisions__batch"'))).toBe(false);
    const again = await build({ dataDir: world.dir, asOf: AS_OF, config: other, log: silentLog() });
    expect(again.sources.find((s) => s.table === 'penalties')?.mode).toBe('appended');
  });

  it('carries unchanged tables after a build that had no previous build to attach (the first build of a warehouse)', async () => {
    rmSync(join(world.dir, 'published.json'));
    const fresh = await build({ dataDir: world.dir, asOf: AS_OF, config, log: silentLog() });
    expect(fresh.sources.find((s) => s.table === 'penalties')?.mode).toBe('copied');
    const next = await build({ dataDir: world.dir, asOf: AS_OF, config, log: silentLog() });
    const rebuilt = next.models.filter((m) => m.materialized !== 'view' && m.action === 'built').map((m) => m.model);
    expect(rebuilt.sort()).toEqual(['credit_grades_history', 'int_red_list_monthly', 'warnings', 'warnings_history']);
  });

  it('merges the assessment of penalties delivered alone (new, re-delivered and revised ones) and equals a full refresh', async () => {
    const archive = paths.archive(world.dir, 'penalties');
    const lines = readdirSync(archive, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .flatMap((f) =>
        readFileSync(join(archive, f), 'utf8')
          .split('\n')
          .filter((l) => l.trim()),
      );
    expect(lines.length).toBeGreaterThan(10);
    const rows = lines.slice(0, 10).map((l) => JSON.parse(l) as Record<string, unknown>);
    const delivery = [
      ...rows.slice(0, 6).map((r) => ({ ...r, 行政处罚决定书文号: `${String(r['行政处罚决定书文号'])}补` })),
      rows[6]!,
      // A correction that moves a decision past the as-of: the penalty leaves the judged events.
      { ...rows[7]!, 处罚决定日期: '2026-06-01' },
      ...rows.slice(8).map((r) => ({ ...r, 处罚类别: '罚款', '罚款金额（万元）': 99 })),
    ];
    const file = join(paths.sourceInbox(world.dir, 'penalties'), '20251231_行政处罚_补报.jsonl');
    writeFileSync(file, delivery.map((r) => JSON.stringify(r)).join('\n') + '\n');
    // Written a day ago: a file modified within ingest.settle_seconds is left as still being written.
    const dayAgo = new Date(Date.now() - 86_400_000);
    utimesSync(file, dayAgo, dayAgo);
    await ingest({ dataDir: world.dir, config, log: silentLog() });
    const trace: string[] = [];
    const merged = await build({ dataDir: world.dir, asOf: AS_OF, config, log: silentLog(), trace });
    // Assessed and judged penalty by penalty: the repairs' and objections' links came out the same.
    for (const m of ['int_penalties_assessed', 'int_events_judged', 'entity_penalties']) {
      expect(trace.some((q) => q.startsWith(`create temp table "${m}__batch" as`))).toBe(true);
      expect(trace.some((q) => q.startsWith(`create table main."${m}"`))).toBe(false);
    }
    const whole = await build({ dataDir: world.dir, asOf: AS_OF, config, log: silentLog(), fullRefresh: true });
    expect(await differingTables(merged.file, whole.file)).toEqual([]);
  });

  it('assesses every penalty again when the assessment itself changes (another minor-fine threshold)', async () => {
    const other = loadConfig({ override: { severity: { minor_fine_max_yuan_organisation: 1 } } });
    const trace: string[] = [];
    await build({ dataDir: world.dir, asOf: AS_OF, config: other, log: silentLog(), trace });
    expect(trace.some((q) => q.startsWith('create table main."int_penalties_assessed"'))).toBe(true);
    expect(trace.some((q) => q.includes('"int_penalties_assessed__batch"'))).toBe(false);
    expect(trace.some((q) => q.startsWith('create table main."int_events_judged"'))).toBe(true);
  });
});
