import { link, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { penaltiesCsv, type PenaltyDataset } from '../../bench/data/penalties.js';
import { ingestInChild, type ChildIngest } from '../../bench/childProcess.js';
import { baselineReadCsv, verifyIngest } from '../../bench/ingest.js';
import { main } from '../../bench/run.js';
import { paths } from '../../lib/dataDir.js';

let dir: string;
let data: PenaltyDataset;
let dataDir: string;
let run: ChildIngest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
  data = await penaltiesCsv({ rows: 2500, seed: 11, dir: join(dir, 'data') });
  dataDir = join(dir, 'run');
  await mkdir(paths.sourceInbox(dataDir, 'penalties'), { recursive: true });
  await link(data.files.gb18030!, join(paths.sourceInbox(dataDir, 'penalties'), '20251231_行政处罚.csv'));
  run = await ingestInChild(dataDir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ingest benchmark', () => {
  it('runs the product ingest in a child process and reads its peak memory', () => {
    const o = run.outcomes.find((x) => x.source === 'penalties');
    expect(o?.status).toBe('loaded');
    expect(o?.rowsRead).toBe(2500);
    expect(run.seconds).toBeGreaterThan(0);
    expect(run.processSeconds).toBeGreaterThan(run.seconds);
    // A Node process with DuckDB loaded takes tens of MB at least, and this one far less than a GB.
    expect(run.peakRssKb).toBeGreaterThan(30 * 1024);
    expect(run.peakRssKb).toBeLessThan(1024 * 1024);
  });

  it('splits the ingest time into its phases from the progress log', () => {
    expect(Object.keys(run.phases)).toEqual(['open', 'read', 'validate', 'finish']);
    const sum = Object.values(run.phases).reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(run.seconds * 0.8);
    expect(sum).toBeLessThan(run.seconds * 1.2);
  });

  it('finds every planted row quarantined with its reason', async () => {
    const checks = await verifyIngest('GB18030', dataDir, data, run);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.name)).toContain('GB18030: quarantine reasons = planted reasons');
  });

  it('fails its checks when the quarantine does not match what was planted', async () => {
    const [reason, n] = Object.entries(data.planted)[0]!;
    const tampered: PenaltyDataset = {
      ...data,
      planted: { ...data.planted, [reason]: n + 1 },
      plantedTotal: data.plantedTotal + 1,
    };
    const failed = (await verifyIngest('GB18030', dataDir, tampered, run)).filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toEqual(['GB18030: quarantined = planted', 'GB18030: quarantine reasons = planted reasons']);
  });

  it('measures the read_csv baseline into a database file', async () => {
    const base = await baselineReadCsv(data.files.utf8!, join(dir, 'baseline.duckdb'));
    expect(base.rows).toBe(2500);
    expect(base.seconds).toBeGreaterThan(0);
  });
});

describe('npm run bench', () => {
  it('refuses an unknown benchmark name', async () => {
    expect(await main(['--only', 'nothing'])).toBe(2);
  });

  it('writes its figures as JSON with the machine it ran on', async () => {
    const out = join(dir, 'latest.json');
    const code = await main(['--only', 'ingest', '--rows', '600', '--xlsx-rows', '200', '--out', out]);
    const report = JSON.parse(await readFile(out, 'utf8')) as {
      machine: { cpus: number };
      measurements: { case: string; rowsPerSecond: number | null; peakRssMb: number | null }[];
      checks: { ok: boolean }[];
    };
    expect(code).toBe(0);
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.measurements.map((m) => m.case)).toEqual([
      'baseline: DuckDB read_csv, UTF-8',
      'product ingest, CSV UTF-8',
      'product ingest + build typing, CSV UTF-8',
      'product ingest, CSV GB18030',
      'product ingest, XLSX',
    ]);
    expect(report.measurements.every((m) => (m.rowsPerSecond ?? 0) > 0)).toBe(true);
    expect(report.checks.length).toBeGreaterThan(15);
    expect(report.checks.every((c) => c.ok)).toBe(true);
  });
});
