/**
 * Province scale end to end (issue "Risk models": time, peak memory, or where and why it fails):
 *   1. generate the sharded province (skipped when DIR/province.json lists every shard done);
 *   2. assemble one data folder, DIR/warehouse-data/inbox/<source>/, from every shard's inbox by hard
 *      links, each name given its shard after the leading YYYYMMDD, full-snapshot markers stripped;
 *   3. `sentinel ingest`, then 4. `sentinel build --full-refresh`, each in its own process under GNU time.
 * A step that fails or is killed is recorded (exit code, signal, end of stderr) and ends the run.
 *
 *   npx tsx bench/province.ts [--scale province|province-mini] [--dir DIR] [--seed N] [--as-of YYYY-MM-DD]
 *                             [--steps generate,assemble,ingest,build]
 *
 * Prints a table and writes bench/out/province.json.
 */
import {
  copyFileSync,
  utimesSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withDb } from '../lib/db.js';
import { paths } from '../lib/dataDir.js';
import { readPointer } from '../lib/publish/pointer.js';
import { isFullSnapshotName } from '../pipelines/ingest/loadFile.js';
import { BENCH_OUT } from './data/cache.js';
import { describeMachine } from './machine.js';
import { runTimed, stderrTail, type TimedRun } from './timed.js';

const SELF = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL('../bin/sentinel.js', import.meta.url));
export const PROVINCE_SCALES = ['province', 'province-mini'] as const;
export type ProvinceScale = (typeof PROVINCE_SCALES)[number];
export const PROVINCE_STEPS = ['generate', 'assemble', 'ingest', 'build'] as const;
export type ProvinceStep = (typeof PROVINCE_STEPS)[number];

/** The assembled data folder inside the province folder. */
export const provinceDataDir = (dir: string): string => join(dir, 'warehouse-data');

interface Manifest {
  scale: string;
  seed: number;
  as_of: string;
  shards: number;
  complete: boolean;
  done: { shard: number; dir: string; files: number }[];
}

const readManifest = (dir: string): Manifest | null =>
  existsSync(join(dir, 'province.json'))
    ? (JSON.parse(readFileSync(join(dir, 'province.json'), 'utf8')) as Manifest)
    : null;

/**
 * The name a shard's file gets in the assembled inbox: the shard (`s007`) right after a leading YYYYMMDD
 * (the extract date, sources.md), else in front; a full-snapshot marker (全量, _full) is removed, because
 * one shard's snapshot covers only that shard's entities and would remove every other shard's entries.
 */
export function linkedName(name: string, shard: number): { name: string; wasFullSnapshot: boolean } {
  const tag = `s${String(shard).padStart(3, '0')}`;
  const wasFullSnapshot = isFullSnapshotName(name);
  const plain = wasFullSnapshot ? name.replace(/_?全量/g, '').replace(/_full/gi, '') : name;
  const m = /^(\d{8})(.*)$/s.exec(plain);
  const out = m ? `${m[1]}_${tag}${m[2]!.startsWith('_') ? '' : '_'}${m[2]}` : `${tag}_${plain}`;
  if (isFullSnapshotName(out)) throw new Error(`cannot strip the full-snapshot marker from ${name}`);
  return { name: out, wasFullSnapshot };
}

export interface AssembleResult {
  dataDir: string;
  shards: number;
  files: number;
  filesPerShard: Record<string, number>;
  linked: number;
  /** Files copied because a hard link failed (another file system); bytes copied. */
  copied: number;
  copiedBytes: number;
  /** Full snapshots loaded as ordinary deliveries (marker stripped from the name). */
  snapshotsStripped: number;
  seconds: number;
}

/**
 * Builds DIR/warehouse-data/inbox/<source>/ from every shard of a complete province, replacing any
 * earlier assembled folder (its warehouse and builds too: they would hold the shards' files already).
 */
export function assembleProvince(dir: string): AssembleResult {
  const started = performance.now();
  const manifest = readManifest(dir);
  if (!manifest?.complete) {
    throw new Error(
      `${dir} holds no complete province ` +
        `(${manifest ? `${manifest.done.length} of ${manifest.shards} shards done` : 'no province.json'}); ` +
        'generate it first',
    );
  }
  const dataDir = provinceDataDir(dir);
  rmSync(dataDir, { recursive: true, force: true });
  const r: AssembleResult = {
    dataDir,
    shards: manifest.done.length,
    files: 0,
    filesPerShard: {},
    linked: 0,
    copied: 0,
    copiedBytes: 0,
    snapshotsStripped: 0,
    seconds: 0,
  };
  for (const { shard, dir: shardDir } of manifest.done) {
    const inbox = paths.inbox(join(dir, shardDir));
    let n = 0;
    for (const source of readdirSync(inbox, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const target = paths.sourceInbox(dataDir, source.name);
      mkdirSync(target, { recursive: true });
      for (const f of readdirSync(join(inbox, source.name), { withFileTypes: true })) {
        // The ingest skips these too (pipelines/ingest/run.ts).
        if (!f.isFile() || f.name.startsWith('.') || f.name.startsWith('~$')) continue;
        const { name, wasFullSnapshot } = linkedName(f.name, shard);
        const from = join(inbox, source.name, f.name);
        const to = join(target, name);
        if (existsSync(to)) throw new Error(`two shard files map to ${source.name}/${name}`);
        try {
          linkSync(from, to);
          r.linked++;
        } catch {
          copyFileSync(from, to);
          // Keep the shard's modification time: the ingest leaves a file modified within ingest.settle_seconds.
          const { atime, mtime } = statSync(from);
          utimesSync(to, atime, mtime);
          r.copied++;
          r.copiedBytes += statSync(to).size;
        }
        if (wasFullSnapshot) r.snapshotsStripped++;
        n++;
      }
    }
    r.filesPerShard[String(shard)] = n;
    r.files += n;
  }
  r.seconds = (performance.now() - started) / 1000;
  return r;
}

export interface StepResult {
  step: ProvinceStep;
  status: 'ok' | 'skipped' | 'refused files' | 'failed';
  seconds: number | null;
  peakRssMb: number | null;
  exitCode: number | null;
  signal: string | null;
  /** Why it failed: the end of its stderr. */
  error: string | null;
  note: string | null;
}

export interface IngestFigures {
  filesLoaded: number;
  filesFailed: number;
  filesDuplicate: number;
  filesLeftInInbox: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  fullSnapshotsLoaded: number;
  /** The first refused files with their reason. */
  failures: string[];
  runFinished: boolean;
}

export interface BuildFigures {
  buildId: string | null;
  status: string | null;
  message: string | null;
  published: boolean;
  modelsBuilt: number;
  /** The slowest 10 models: from runs.models, else (build killed) from the build's own log. */
  slowest: { model: string; seconds: number; rows: number | null }[];
  /** The model running when the build died, when it did. */
  lastModelLogged: string | null;
}

export interface ProvinceReport {
  at: string;
  machine: ReturnType<typeof describeMachine>;
  scale: ProvinceScale;
  seed: number;
  asOf: string;
  dir: string;
  dataDir: string;
  steps: StepResult[];
  failedAt: ProvinceStep | null;
  assemble: AssembleResult | null;
  ingest: IngestFigures | null;
  build: BuildFigures | null;
  disk: { warehouseMb: number | null; buildFileMb: number | null; shardsMb: number | null };
}

const sizeMb = (file: string): number | null => {
  if (!existsSync(file)) return null;
  const wal = `${file}.wal`;
  return (statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0)) / 2 ** 20;
};

function duMb(dir: string): number | null {
  if (!existsSync(dir)) return null;
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) bytes += statSync(join(e.parentPath, e.name)).size;
  return bytes / 2 ** 20;
}

async function ingestFigures(dataDir: string): Promise<IngestFigures | null> {
  if (!existsSync(paths.warehouse(dataDir))) return null;
  const inbox = paths.inbox(dataDir);
  const left = existsSync(inbox)
    ? readdirSync(inbox, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length
    : 0;
  return withDb(paths.warehouse(dataDir), { readOnly: true }, async (db) => {
    const f = await db.one<{ n: number; rr: number; rl: number; rq: number; snap: number }>(
      `select count(*)::bigint as n, coalesce(sum(rows_read), 0)::bigint as rr,
              coalesce(sum(rows_loaded), 0)::bigint as rl, coalesce(sum(rows_quarantined), 0)::bigint as rq,
              count(*) filter (where is_full_snapshot)::bigint as snap
       from ingest.files`,
    );
    const log = await db.all<{ status: string; n: number }>(
      `select status, count(*)::bigint as n from ingest.load_log group by status`,
    );
    const failures = await db.all<{ line: string }>(
      `select source || '/' || file_name || ': ' || coalesce(message, '') as line
       from ingest.load_log where status = 'failed' order by logged_at limit 10`,
    );
    const run = await db.one<{ finished: boolean }>(
      `select finished_at is not null as finished from ingest.runs order by started_at desc limit 1`,
    );
    const count = (s: string) => Number(log.find((l) => l.status === s)?.n ?? 0);
    return {
      filesLoaded: Number(f?.n ?? 0),
      filesFailed: count('failed'),
      filesDuplicate: count('duplicate') + count('already_loaded'),
      filesLeftInInbox: left,
      rowsRead: Number(f?.rr ?? 0),
      rowsLoaded: Number(f?.rl ?? 0),
      rowsQuarantined: Number(f?.rq ?? 0),
      fullSnapshotsLoaded: Number(f?.snap ?? 0),
      failures: failures.map((x) => x.line),
      runFinished: run?.finished ?? false,
    };
  });
}

/** The build's "model" log lines (pipelines/build/build.ts): what finished, in order, when runs.models has nothing. */
function modelsLogged(stderr: string): { model: string; seconds: number; rows: number | null }[] {
  const out: { model: string; seconds: number; rows: number | null }[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const l = JSON.parse(line) as { msg?: string; model?: string; seconds?: number; rows?: number | null };
      if (l.msg === 'model' && l.model && typeof l.seconds === 'number')
        out.push({ model: l.model, seconds: l.seconds, rows: l.rows ?? null });
    } catch {
      // GNU time's report shares stderr
    }
  }
  return out;
}

async function buildFigures(dataDir: string, stderr: string): Promise<BuildFigures> {
  const logged = modelsLogged(stderr);
  const fromLog = [...logged].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
  const none: BuildFigures = {
    buildId: null,
    status: null,
    message: null,
    published: false,
    modelsBuilt: logged.length,
    slowest: fromLog,
    lastModelLogged: logged.at(-1)?.model ?? null,
  };
  if (!existsSync(paths.warehouse(dataDir))) return none;
  return withDb(paths.warehouse(dataDir), { readOnly: true }, async (db) => {
    const b = await db.one<{ build_id: string; status: string; message: string | null }>(
      `select build_id, status, message from runs.builds order by started_at desc limit 1`,
    );
    if (!b) return none;
    const slowest = await db.all<{ model: string; seconds: number; rows: number | null }>(
      `select model, seconds, "rows" from runs.models
       where build_id = ? and status = 'success' order by seconds desc limit 10`,
      [b.build_id],
    );
    return {
      ...none,
      buildId: b.build_id,
      status: b.status,
      message: b.message,
      published: readPointer(dataDir)?.build_id === b.build_id,
      slowest: slowest.length ? slowest.map((s) => ({ ...s, rows: s.rows === null ? null : Number(s.rows) })) : fromLog,
    };
  });
}

/** Progress of a long step, at most once every `everySeconds`, from the step's log lines. */
function progressOf(
  say: (line: string) => void,
  label: string,
  pattern: RegExp,
  everySeconds = 60,
): (line: string) => void {
  const started = Date.now();
  let n = 0;
  let last = started;
  return (line) => {
    const m = pattern.exec(line);
    if (!m) return;
    n++;
    if (Date.now() - last < everySeconds * 1000) return;
    last = Date.now();
    say(`${label}: ${n} so far (last: ${m[1] ?? ''}), ${((last - started) / 60000).toFixed(1)} min`);
  };
}

function stepOf(step: ProvinceStep, run: TimedRun, ok: boolean, note: string | null = null): StepResult {
  return {
    step,
    status: ok ? 'ok' : 'failed',
    seconds: run.seconds,
    peakRssMb: run.peakRssMb,
    exitCode: run.code,
    signal: run.signal,
    error: ok ? null : stderrTail(run.stderr),
    note,
  };
}

export interface ProvinceOptions {
  scale?: ProvinceScale;
  dir?: string;
  seed?: number;
  asOf?: string;
  steps?: readonly ProvinceStep[];
  progress?: (line: string) => void;
}

export async function benchProvince(opts: ProvinceOptions = {}): Promise<ProvinceReport> {
  const scale = opts.scale ?? 'province';
  const seed = opts.seed ?? 1;
  const asOf = opts.asOf ?? '2025-12-31';
  const steps = new Set(opts.steps ?? PROVINCE_STEPS);
  const dir = opts.dir ?? join(BENCH_OUT, 'runs', `${scale}-s${seed}`);
  const dataDir = provinceDataDir(dir);
  const say = opts.progress ?? (() => {});
  const report: ProvinceReport = {
    at: new Date().toISOString(),
    machine: describeMachine(),
    scale,
    seed,
    asOf,
    dir,
    dataDir,
    steps: [],
    failedAt: null,
    assemble: null,
    ingest: null,
    build: null,
    disk: { warehouseMb: null, buildFileMb: null, shardsMb: null },
  };
  const fail = (s: StepResult) => {
    report.steps.push(s);
    report.failedAt = s.step;
    report.disk.warehouseMb = sizeMb(paths.warehouse(dataDir));
    say(`${s.step} FAILED (${s.signal ?? `exit ${s.exitCode}`}):\n${s.error}`);
    return report;
  };
  const sentinel = (...args: string[]) => [CLI, '--data-dir', dataDir, '--as-of', asOf, ...args];

  if (steps.has('generate')) {
    const m = readManifest(dir);
    if (m?.complete && m.scale === scale && m.seed === seed && m.as_of === asOf && m.done.length === m.shards) {
      report.steps.push({
        step: 'generate',
        status: 'skipped',
        seconds: null,
        peakRssMb: null,
        exitCode: null,
        signal: null,
        error: null,
        note: `${m.shards} shards already in province.json`,
      });
    } else {
      say(`generating ${scale} (seed ${seed}, as-of ${asOf}) into ${dir}${m ? ' (resuming)' : ''}…`);
      const g = await runTimed(
        process.execPath,
        [CLI, 'generate', '--scale', scale, '--seed', String(seed), '--as-of', asOf, '--out', dir],
        {
          onStderrLine: (l) => (/^generate: shard \d+\/\d+ done/.test(l) ? say(l) : undefined),
        },
      );
      if (g.code !== 0) return fail(stepOf('generate', g, false));
      report.steps.push(stepOf('generate', g, true, g.stdout.trim()));
    }
  }
  report.disk.shardsMb = duMb(join(dir, 'shards'));

  if (steps.has('assemble')) {
    say(`assembling ${dataDir}/inbox from every shard…`);
    try {
      const a = assembleProvince(dir);
      report.assemble = a;
      report.steps.push({
        step: 'assemble',
        status: 'ok',
        seconds: a.seconds,
        peakRssMb: null,
        exitCode: null,
        signal: null,
        error: null,
        note:
          `${a.files} files from ${a.shards} shards (${a.linked} hard links, ${a.copied} copies); ` +
          `${a.snapshotsStripped} full snapshots renamed to ordinary deliveries`,
      });
    } catch (e) {
      return fail({
        step: 'assemble',
        status: 'failed',
        seconds: null,
        peakRssMb: null,
        exitCode: null,
        signal: null,
        error: (e as Error).message,
        note: null,
      });
    }
  }

  if (steps.has('ingest')) {
    say('ingest…');
    const i = await runTimed(process.execPath, sentinel('ingest'), {
      onStderrLine: progressOf(say, 'ingest: files started', /"msg":"([^"]*): reading /),
    });
    report.ingest = await ingestFigures(dataDir).catch(() => null);
    const f = report.ingest;
    // Exit 1 with a finished run: some files were refused (they stay in the inbox), the rest loaded.
    const refusedOnly = i.code === 1 && f?.runFinished === true && f.filesFailed > 0;
    if (i.code !== 0 && !refusedOnly)
      return fail(stepOf('ingest', i, false, f ? `${f.filesLoaded} files loaded before it stopped` : null));
    const s = stepOf(
      'ingest',
      i,
      true,
      f
        ? `${f.filesLoaded} files, ${f.rowsRead} rows read, ${f.rowsLoaded} loaded, ` +
            `${f.rowsQuarantined} quarantined, ${f.filesFailed} refused, ` +
            `${f.filesDuplicate} identical to a file loaded before`
        : null,
    );
    if (refusedOnly) s.status = 'refused files';
    report.steps.push(s);
  }

  if (steps.has('build')) {
    say('build --full-refresh…');
    const b = await runTimed(process.execPath, sentinel('build', '--full-refresh'), {
      onStderrLine: progressOf(say, 'build: models done', /"model":"([^"]*)".*"msg":"model"/),
    });
    report.build = await buildFigures(dataDir, b.stderr).catch(() => null);
    report.disk.buildFileMb = report.build?.buildId ? sizeMb(paths.build(dataDir, report.build.buildId)) : null;
    const note = report.build
      ? `status ${report.build.status}${report.build.message ? `: ${report.build.message}` : ''}`
      : null;
    if (b.code !== 0)
      return fail(
        stepOf('build', b, false, `${note ?? ''}; last model logged: ${report.build?.lastModelLogged ?? '–'}`),
      );
    report.steps.push(stepOf('build', b, true, note));
  }
  report.disk.warehouseMb = sizeMb(paths.warehouse(dataDir));
  return report;
}

export function provinceTable(r: ProvinceReport): string {
  const n = (v: number | null, d = 1) => (v === null ? '–' : v.toFixed(d));
  const lines = [
    `${r.scale}, seed ${r.seed}, as-of ${r.asOf}, ${r.dir}`,
    '',
    '| step | status | seconds | peak RSS MB | note |',
    '| --- | --- | ---: | ---: | --- |',
    ...r.steps.map((s) => {
      const note = (s.note ?? '').replaceAll('\n', ' ');
      return `| ${s.step} | ${s.status} | ${n(s.seconds)} | ${n(s.peakRssMb, 0)} | ${note} |`;
    }),
  ];
  if (r.failedAt) {
    const s = r.steps.find((x) => x.step === r.failedAt)!;
    lines.push('', `FAILED at ${s.step} (${s.signal ?? `exit ${s.exitCode}`}):`, s.error ?? '');
  }
  if (r.ingest?.failures.length) lines.push('', 'refused files:', ...r.ingest.failures.map((f) => `  ${f}`));
  if (r.build?.slowest.length)
    lines.push(
      '',
      'slowest models:',
      ...r.build.slowest.map((m) => `  ${m.seconds.toFixed(1).padStart(8)} s  ${m.model} (${m.rows ?? '–'} rows)`),
    );
  lines.push(
    '',
    `disk: shards ${n(r.disk.shardsMb, 0)} MB, warehouse ${n(r.disk.warehouseMb, 0)} MB, ` +
      `build file ${n(r.disk.buildFileMb, 0)} MB`,
  );
  return `${lines.join('\n')}\n`;
}

/** bench/out/province.json */
export function writeProvinceReport(report: ProvinceReport): void {
  mkdirSync(BENCH_OUT, { recursive: true });
  writeFileSync(join(BENCH_OUT, 'province.json'), `${JSON.stringify(report, null, 1)}\n`);
}

if (process.argv[1] === SELF) {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'province' },
      dir: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'as-of': { type: 'string', default: '2025-12-31' },
      steps: { type: 'string' },
    },
  });
  const scale = values.scale as ProvinceScale;
  const steps = (values.steps?.split(',') ?? [...PROVINCE_STEPS]) as ProvinceStep[];
  if (!PROVINCE_SCALES.includes(scale)) throw new Error(`--scale must be one of ${PROVINCE_SCALES.join(', ')}`);
  if (!steps.every((s) => PROVINCE_STEPS.includes(s)))
    throw new Error(`--steps takes a comma-separated subset of ${PROVINCE_STEPS.join(',')}`);
  const report = await benchProvince({
    scale,
    dir: values.dir,
    seed: Number(values.seed),
    asOf: values['as-of'],
    steps,
    progress: (l) => process.stderr.write(`[bench province] ${new Date().toISOString().slice(11, 19)} ${l}\n`),
  });
  process.stdout.write(provinceTable(report));
  writeProvinceReport(report);
  if (report.failedAt) process.exitCode = 1;
}
