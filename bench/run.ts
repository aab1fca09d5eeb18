/**
 * `npm run bench [-- --only ingest|runner|generate|models|engines|server|login|search|macros] [--scale county|city]
 * [--rows N] [--xlsx-rows N] [--seed N] [--keep]`: runs every benchmark it finds, prints a table and writes the
 * figures to bench/out/latest.json. Exit code 1 when a correctness check fails or the run breaks; a
 * missed target is reported, not an error.
 * `--only province` (opt-in, never part of a default run: about an hour) runs bench/province.ts with its
 * defaults (province scale, seed 1, bench/out/runs/province-s1). `--only checks` runs the server benchmark's
 * hello-world and credit-check cases alone.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { BENCH_OUT } from './data/cache.js';
import { benchIngest, INGEST_DEFAULTS } from './ingest.js';
import { benchGenerate } from './generate.js';
import { benchMacros } from './macros.js';
import { benchModels } from './models.js';
import { benchEngines } from './engines.js';
import { benchProvince, writeProvinceReport } from './province.js';
import { benchServer } from './server.js';
import { benchLogin } from './login.js';
import { benchSearch } from './search.js';
import { describeMachine } from './machine.js';
import { checkLines, measurementTable } from './table.js';
import type { BenchOptions, BenchOutcome, Check, Measurement } from './types.js';

interface RunnerRow {
  name: string;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
}

const RUNNER_MAX_RATIO = 1.2;
const RUNNER_MODULE = fileURLToPath(new URL('./runner.ts', import.meta.url));

/** bench/runner.ts belongs to the model runner and may not exist yet: import it only when present. */
async function benchRunnerIfPresent(): Promise<BenchOutcome | null> {
  if (!existsSync(RUNNER_MODULE)) return null;
  const mod = (await import('./runner.js')) as { benchRunner?: () => Promise<RunnerRow[]> };
  if (typeof mod.benchRunner !== 'function') throw new Error('bench/runner.ts does not export benchRunner()');
  const rows = await mod.benchRunner();
  return {
    measurements: rows.map((r) => ({
      bench: 'runner',
      case: r.name,
      rows: null,
      seconds: r.seconds,
      rowsPerSecond: null,
      baselineSeconds: r.baselineSeconds,
      ratio: r.ratio,
      peakRssMb: null,
      target: `≤ ${RUNNER_MAX_RATIO}× direct SQL time`,
      pass: r.ratio <= RUNNER_MAX_RATIO,
    })),
    checks: [],
  };
}

/** Generation time and peak memory per scale (province is a separate command: docs/generator.md). */
async function generateOutcome(opts: BenchOptions): Promise<BenchOutcome> {
  const rows = await benchGenerate({
    scales: opts.scale === 'city' ? ['county', 'city'] : ['county'],
    seed: opts.seed,
    progress: opts.progress,
  });
  return {
    measurements: rows.map((r) => ({
      bench: 'generate',
      case: r.name,
      rows: r.rows,
      seconds: r.seconds,
      rowsPerSecond: r.rows / r.seconds,
      baselineSeconds: null,
      ratio: null,
      peakRssMb: r.peakRssMb,
      target: r.targetSeconds === null ? null : `< ${r.targetSeconds} s`,
      pass: r.pass,
      note: `${r.entities} entities, ${r.files} files, ${r.diskMb.toFixed(0)} MB`,
    })),
    checks: [],
  };
}

/** Full build, flags vs pandas, build after a 1 % delivery (docs/benchmarks.md, risk models). */
async function modelsOutcome(opts: BenchOptions): Promise<BenchOutcome> {
  const rows = await benchModels({ scale: opts.scale, seed: opts.seed, progress: opts.progress });
  return {
    measurements: rows.map((r) => ({
      bench: 'models',
      case: r.name,
      rows: r.rows,
      seconds: r.seconds ?? 0,
      rowsPerSecond: null,
      baselineSeconds: r.baselineSeconds,
      ratio: r.ratio,
      peakRssMb: r.peakRssMb,
      target: r.target,
      pass: r.pass,
      ...(r.note ? { note: r.note } : {}),
    })),
    checks: [],
  };
}

/** Province scale end to end (bench/province.ts): generate, assemble one data folder, ingest, full build. */
async function provinceOutcome(opts: BenchOptions): Promise<BenchOutcome> {
  const r = await benchProvince({ progress: opts.progress });
  writeProvinceReport(r);
  return {
    measurements: r.steps.map((s) => ({
      bench: 'province',
      case: `${s.step} ${r.scale}`,
      rows: s.step === 'ingest' ? (r.ingest?.rowsRead ?? null) : null,
      seconds: s.seconds ?? 0,
      rowsPerSecond: null,
      baselineSeconds: null,
      ratio: null,
      peakRssMb: s.peakRssMb,
      target: 'completes',
      pass: s.status !== 'failed',
      note: s.error ? `${s.note ?? ''} ${s.signal ?? `exit ${s.exitCode}`}: ${s.error}` : (s.note ?? ''),
    })),
    checks: [],
  };
}

/** Run only when named with --only: never part of a default `npm run bench`. */
const OPT_IN: Record<string, (opts: BenchOptions) => Promise<BenchOutcome | null>> = {
  province: (opts) => provinceOutcome(opts),
  // The server benchmark's credit-check cases alone, with their hello-world (a default run has them in `server`).
  checks: (opts) => benchServer({ scale: opts.scale, progress: opts.progress, checksOnly: true }),
};

const BENCHES: Record<string, (opts: BenchOptions) => Promise<BenchOutcome | null>> = {
  ingest: (opts) => benchIngest(opts),
  runner: () => benchRunnerIfPresent(),
  generate: (opts) => generateOutcome(opts),
  models: (opts) => modelsOutcome(opts),
  // The same models on DuckDB and on a local PostgreSQL cluster (issue 16, bench/engines.ts).
  engines: (opts) => benchEngines({ scale: opts.scale, seed: opts.seed, progress: opts.progress }),
  server: (opts) => benchServer({ scale: opts.scale, progress: opts.progress }),
  login: (opts) => benchLogin({ progress: opts.progress }),
  search: (opts) => benchSearch({ scale: opts.scale, progress: opts.progress }),
  macros: (opts) => benchMacros(opts.progress),
};

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('bench')
    .option(
      '--only <name>',
      `run one benchmark: ${Object.keys(BENCHES).join(', ')}; or ${Object.keys(OPT_IN).join(', ')} (opt-in only)`,
    )
    .option('--rows <n>', 'rows of the CSV extracts', positiveInt, INGEST_DEFAULTS.rows)
    .option('--xlsx-rows <n>', 'rows of the XLSX extract (default: the smaller of --rows and 100000)', positiveInt)
    .option('--seed <n>', 'seed of the generated extracts', positiveInt, INGEST_DEFAULTS.seed)
    .option('--keep', 'keep the data directories of the run under bench/out/runs', false)
    .option('--scale <scale>', 'world size for the generate, models and server benchmarks: county or city', 'county')
    .option('--out <file>', 'where to write the figures', join(BENCH_OUT, 'latest.json'))
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const o = program.opts<{
    only?: string;
    rows: number;
    xlsxRows?: number;
    seed: number;
    keep: boolean;
    out: string;
    scale: string;
  }>();
  if (o.scale !== 'county' && o.scale !== 'city') {
    process.stderr.write(`--scale must be county or city, got "${o.scale}"\n`);
    return 2;
  }
  if (o.only && !(o.only in BENCHES) && !(o.only in OPT_IN)) {
    process.stderr.write(
      `unknown benchmark "${o.only}": choose one of ${[...Object.keys(BENCHES), ...Object.keys(OPT_IN)].join(', ')}\n`,
    );
    return 2;
  }
  const opts: BenchOptions = {
    rows: o.rows,
    xlsxRows: o.xlsxRows ?? Math.min(o.rows, INGEST_DEFAULTS.xlsxRows),
    seed: o.seed,
    keep: o.keep,
    scale: o.scale,
    progress: (line) => process.stderr.write(`[bench] ${line}\n`),
  };
  const started = new Date();
  const machine = describeMachine();
  const measurements: Measurement[] = [];
  const checks: Check[] = [];
  const skipped: string[] = [];
  const selected = o.only && o.only in OPT_IN ? Object.entries(OPT_IN) : Object.entries(BENCHES);
  for (const [name, run] of selected) {
    if (o.only && o.only !== name) continue;
    opts.progress(`${name}…`);
    const out = await run(opts);
    if (!out) {
      skipped.push(name);
      opts.progress(`${name}: not present, skipped`);
      continue;
    }
    measurements.push(...out.measurements);
    checks.push(...out.checks);
  }
  const report = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    loadAverage1mAtEnd: describeMachine().loadAverage1m,
    options: { ...opts, progress: undefined },
    skipped,
    measurements,
    checks,
  };
  await mkdir(BENCH_OUT, { recursive: true });
  await writeFile(o.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${measurementTable(measurements)}\n\n${checkLines(checks)}\n\nfigures written to ${o.out}\n`);
  return checks.every((c) => c.ok) ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code?.startsWith('commander.')) process.exitCode = err.exitCode ?? 2;
    else {
      process.stderr.write(`bench failed: ${err.message ?? String(e)}\n`);
      process.exitCode = 1;
    }
  }
}
