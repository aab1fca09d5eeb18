/**
 * The same models on both engines (issue 16): a full build of a world on DuckDB, then on a local
 * PostgreSQL coordinator with two workers (its first build syncs every source, the second only checks
 * them), in this one process, and the ratio of the times. One 2-core machine favours DuckDB: the
 * coordinator, both workers and this process share the same cores, so the ratio says what the engine
 * costs here, not what a cluster of machines would do. Every interfaces.md dataset must export the same
 * CSV from both builds (a check).
 *
 *   npx tsx bench/engines.ts [--scale county|city] [--seed N]
 *
 * The world is the models benchmark's (bench/out/runs/models-<scale>-s<seed>), generated and ingested
 * there when missing; the builds run on copies of it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../lib/config/load.js';
import { paths } from '../lib/dataDir.js';
import { DATASETS } from '../lib/datasets.js';
import pino from 'pino';
import { silentLog, type Log } from '../lib/log.js';
import { openPublished } from '../lib/publish/reader.js';
import { build } from '../pipelines/build/build.js';
import { toCsv } from '../pipelines/export/formats.js';
import { datasetRows } from '../pipelines/export/published.js';
import { configForCluster, PG_BIN, startLocalCluster } from '../scripts/pgCluster.js';
import { BENCH_OUT } from './data/cache.js';
import { runTimed, timed } from './timed.js';
import type { BenchOutcome, Measurement } from './types.js';

const CLI = fileURLToPath(new URL('../bin/sentinel.js', import.meta.url));
const AS_OF = '2025-12-31';

/** A logger that keeps the build's phase lines (debug level): the wall time of each phase by name. */
function phaseLog(): { log: Log; phases: Map<string, number> } {
  const phases = new Map<string, number>();
  const log = pino(
    { level: 'debug' },
    {
      write: (line: string) => {
        const e = JSON.parse(line) as { msg: string; phase?: string; seconds?: number };
        if (e.msg === 'build phase' && e.phase) phases.set(e.phase, (phases.get(e.phase) ?? 0) + e.seconds!);
      },
    },
  );
  return { log, phases };
}

const seconds = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const out = await fn();
  return [out, (performance.now() - started) / 1000];
};

async function ensureWorld(dataDir: string, scale: string, seed: number, say: (l: string) => void) {
  if (existsSync(paths.warehouse(dataDir))) return;
  say(`engines: generating and ingesting a ${scale} into ${dataDir}…`);
  await timed(process.execPath, [
    CLI,
    'generate',
    '--scale',
    scale,
    '--seed',
    String(seed),
    '--as-of',
    AS_OF,
    '--out',
    dataDir,
  ]);
  // The generator plants a file the ingest must refuse (an unknown USCC header, generator/delivery/
  // refusedFile.ts): ingest then exits 1 with that file left in the inbox, and the world is as intended.
  const i = await runTimed(process.execPath, [CLI, '--data-dir', dataDir, '--log-level', 'warn', 'ingest']);
  const left = existsSync(paths.inbox(dataDir))
    ? readdirSync(paths.inbox(dataDir), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length
    : 0;
  if (i.code !== 0 && !(i.code === 1 && existsSync(paths.warehouse(dataDir)) && left > 0))
    throw new Error(`ingest of ${dataDir} failed (exit ${i.code ?? i.signal}):\n${i.stderr.slice(-2000)}`);
  say(`engines: ingested in ${i.seconds.toFixed(0)} s; ${left} file(s) refused and left in the inbox`);
}

/** The datasets whose CSV differs between the two published builds. */
async function differingDatasets(duck: string, post: string): Promise<string[]> {
  const [a, b] = [await openPublished(duck), await openPublished(post)];
  try {
    const out: string[] = [];
    // Not quarantine: it is read from the warehouse's load log, which both builds share.
    for (const spec of DATASETS.filter((d) => d.name !== 'quarantine')) {
      const csv = async (db: typeof a.db) => toCsv(spec.columns, await datasetRows(db, spec)).toString('utf8');
      if ((await csv(a.db)) !== (await csv(b.db))) out.push(spec.name);
    }
    return out;
  } finally {
    a.close();
    b.close();
  }
}

export async function benchEngines(opts: {
  scale?: 'county' | 'city';
  seed?: number;
  progress?: (line: string) => void;
}): Promise<BenchOutcome | null> {
  const say = opts.progress ?? (() => {});
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    // A fresh machine without PostgreSQL: the rest of `npm run bench` still runs, and exits 0.
    process.stderr.write(
      `engines: skipped: install postgresql-15 (no initdb in ${PG_BIN}; apt-get install postgresql-15)\n`,
    );
    return null;
  }
  const scale = opts.scale ?? 'city';
  const seed = opts.seed ?? 1;
  const world = join(BENCH_OUT, 'runs', `models-${scale}-s${seed}`);
  await ensureWorld(world, scale, seed, say);
  const work = mkdtempSync(join(tmpdir(), 'bench-engines-'));
  const [duck, post] = [join(work, 'duck'), join(work, 'post')];
  for (const dir of [duck, post]) cpSync(world, dir, { recursive: true });
  rmSync(paths.pointer(post), { force: true });
  const config = loadConfig();
  const cluster = await startLocalCluster({ workers: 2 });
  try {
    const pgConfig = configForCluster(config, cluster);
    const common = { asOf: AS_OF, log: silentLog() };
    say(`engines: DuckDB full build of the ${scale}…`);
    const [d, duckSeconds] = await seconds(() => build({ ...common, dataDir: duck, config, fullRefresh: true }));
    say(`engines: DuckDB ${duckSeconds.toFixed(1)} s`);
    say(`engines: PostgreSQL build (sources synced whole)…`);
    const first = phaseLog();
    const [p, pgSeconds] = await seconds(() =>
      build({ ...common, log: first.log, dataDir: post, config: pgConfig, engine: 'postgres' }),
    );
    // Compared now: the next build adds a second build to the warning history, which DuckDB's one lacks.
    const differ = p.published && d.published ? await differingDatasets(duck, post) : ['(not published)'];
    say(`engines: PostgreSQL ${pgSeconds.toFixed(1)} s (${p.status}); again (sources unchanged)…`);
    const again = phaseLog();
    const [p2, pgAgainSeconds] = await seconds(() =>
      build({ ...common, log: again.log, dataDir: post, config: pgConfig, engine: 'postgres' }),
    );
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
    const row = (name: string, secs: number, baseline: number | null, note: string): Measurement => ({
      bench: 'engines',
      case: name,
      rows: null,
      seconds: secs,
      rowsPerSecond: null,
      baselineSeconds: baseline,
      ratio: baseline === null ? null : secs / baseline,
      peakRssMb: null,
      target: null,
      pass: null,
      note,
    });
    const models = `${d.models.length} models`;
    const synced = p.sources.reduce((n, x) => n + (x.sent?.rows ?? 0), 0);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    // Where the PostgreSQL builds' time went, phase by phase (wall time: the models run on several
    // connections at once, so their own seconds add up to more than the phase).
    const phase = (of: Map<string, number>, name: string) => of.get(name) ?? 0;
    const carried = p2.models.filter((m) => m.action === 'carried').length;
    return {
      measurements: [
        row(`full build ${scale}, DuckDB`, duckSeconds, null, `${models}; load average ${load}`),
        row(
          `full build ${scale}, PostgreSQL (sync + build)`,
          pgSeconds,
          duckSeconds,
          `coordinator + 2 workers on this machine; ${p.status}`,
        ),
        row(
          `build ${scale} again, PostgreSQL (sources unchanged)`,
          pgAgainSeconds,
          duckSeconds,
          `${p2.status}; ${carried} of ${p2.models.length} models carried; phases ` +
            [...again.phases].map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', '),
        ),
        {
          ...row(
            `source sync ${scale} (first PostgreSQL build, COPY)`,
            phase(first.phases, 'sources synced'),
            null,
            `${p.sources.length} sources`,
          ),
          rows: synced,
          rowsPerSecond: synced / phase(first.phases, 'sources synced'),
        },
        row(
          `PostgreSQL ${scale}: models phase`,
          phase(first.phases, 'models'),
          null,
          `${p.models.length} models, ${pgConfig.postgres.model_connections} connections`,
        ),
        row(`PostgreSQL ${scale}: data tests`, phase(first.phases, 'data tests'), null, `${p.tests.length} tests`),
        row(
          `PostgreSQL ${scale}: serving file, publish`,
          phase(first.phases, 'serving file') + phase(first.phases, 'publish and prune'),
          null,
          'tables copied into the DuckDB serving file, serving indexes, contracts',
        ),
      ].map((m) => ({ ...m, peakRssMb })),
      checks: [
        {
          bench: 'engines',
          name: 'every dataset exports the same CSV from both engines',
          ok: differ.length === 0,
          detail: differ.length ? `differs: ${differ.join(', ')}` : `${DATASETS.length - 1} datasets identical`,
        },
      ],
    };
  } finally {
    cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const out = await benchEngines({
    scale: (arg('--scale') as 'county' | 'city' | undefined) ?? 'city',
    seed: Number(arg('--seed') ?? 1),
    progress: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
