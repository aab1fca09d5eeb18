/**
 * Generation time and peak memory of `sentinel generate` per scale, each run in its own process so
 * its peak RSS is the generator's alone.
 *
 *   npx tsx bench/generate.ts [--scales county,city] [--seed N] [--keep]
 *   npx tsx bench/generate.ts --scales province      # 33 minutes measured on a busy 2-core machine
 *
 * `benchGenerate()` is what bench/run.ts calls; its default scales leave the province out (see
 * docs/generator.md). Disk is the size of the output folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO = fileURLToPath(new URL('../', import.meta.url));
const AS_OF = '2026-06-30';

/** The targets: county under 30 s, city under 5 minutes, province under an hour. */
export const TARGET_SECONDS: Record<string, number> = { tiny: 30, county: 30, city: 300, province: 3600 };
/** The province's other targets: memory under 4 GB, disk under 30 GB. */
export const TARGET_PEAK_MB: Record<string, number> = { province: 4096 };
export const TARGET_DISK_MB: Record<string, number> = { province: 30 * 1024 };

export interface GenerateBenchRow {
  name: string;
  seconds: number;
  peakRssMb: number;
  entities: number;
  rows: number;
  files: number;
  diskMb: number;
  targetSeconds: number | null;
  pass: boolean | null;
}

interface ChildResult {
  seconds: number;
  maxRssKb: number;
  entities: number;
  rows: number;
  files: number;
}

async function child(scale: string, seed: number, out: string): Promise<ChildResult> {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', scale, String(seed), out], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let o = '';
      let e = '';
      p.stdout.setEncoding('utf8').on('data', (d: string) => (o += d));
      p.stderr.setEncoding('utf8').on('data', (d: string) => {
        e = (e + d).slice(-20_000);
        for (const line of d.split('\n')) if (/ done: /.test(line)) process.stderr.write(`${line}\n`);
      });
      p.on('error', reject);
      p.on('close', (c) => resolve({ code: c, stdout: o, stderr: e }));
    },
  );
  const last = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{'))
    throw new Error(`generate ${scale} failed (exit ${code}): ${stderr.trim().split('\n').slice(-5).join('\n')}`);
  return JSON.parse(last) as ChildResult;
}

export async function benchGenerate(
  opts: { scales?: readonly string[]; seed?: number; keep?: boolean; progress?: (line: string) => void } = {},
): Promise<GenerateBenchRow[]> {
  const rows: GenerateBenchRow[] = [];
  for (const scale of opts.scales ?? ['county', 'city']) {
    const out = mkdtempSync(join(tmpdir(), `bench-generate-${scale}-`));
    try {
      opts.progress?.(`generate ${scale}…`);
      const r = await child(scale, opts.seed ?? 1, out);
      const target = TARGET_SECONDS[scale] ?? null;
      const peakRssMb = r.maxRssKb / 1024;
      const diskMb = bytesUnder(out) / 2 ** 20;
      const withinLimits =
        peakRssMb < (TARGET_PEAK_MB[scale] ?? Infinity) && diskMb < (TARGET_DISK_MB[scale] ?? Infinity);
      rows.push({
        name: `generate ${scale}`,
        seconds: r.seconds,
        peakRssMb,
        entities: r.entities,
        rows: r.rows,
        files: r.files,
        diskMb,
        targetSeconds: target,
        pass: target === null ? null : r.seconds < target && withinLimits,
      });
      opts.progress?.(
        `generate ${scale}: ${r.rows} rows in ${r.seconds.toFixed(1)} s, ` +
          `peak ${peakRssMb.toFixed(0)} MB, ${diskMb.toFixed(0)} MB on disk`,
      );
    } finally {
      if (!opts.keep) rmSync(out, { recursive: true, force: true });
    }
  }
  return rows;
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (d.isFile()) total += statSync(`${d.parentPath}/${d.name}`).size;
  return total;
}

async function runChild(scale: string, seed: number, out: string): Promise<void> {
  const { generate, SCALES } = await import('../generator/generate.js');
  const { generateSharded, SHARDED_SCALES } = await import('../generator/province.js');
  const { DEFAULT_DIRT } = await import('../generator/dirt.js');
  const started = performance.now();
  const common = { seed, asOf: AS_OF, out, dirt: { ...DEFAULT_DIRT } };
  let s;
  if (scale in SHARDED_SCALES) {
    // The province's progress is the only sign of life for an hour: pass it through.
    s = await generateSharded({
      ...common,
      scale: scale as keyof typeof SHARDED_SCALES,
      progress: (m) => process.stderr.write(`generate: ${m}\n`),
    });
  } else if (scale in SCALES) {
    s = await generate({ ...common, scale: scale as keyof typeof SCALES, progress: () => {} });
  } else throw new Error(`unknown scale ${scale}`);
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is in kilobytes on Linux.
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(
    `${JSON.stringify({ seconds, maxRssKb, entities: s.entities, rows: s.rows, files: s.files })}\n`,
  );
}

if (process.argv[1] === SELF) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await runChild(args[1] as string, Number(args[2]), args[3] as string);
  } else {
    const flag = (name: string) => {
      const i = args.indexOf(name);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const rows = await benchGenerate({
      scales: flag('--scales')?.split(','),
      seed: Number(flag('--seed') ?? 1),
      keep: args.includes('--keep'),
      progress: (l) => process.stderr.write(`[bench] ${l}\n`),
    });
    for (const r of rows) {
      const verdict = r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL';
      process.stdout.write(
        `${r.name.padEnd(24)} ${r.entities.toLocaleString('en-US').padStart(10)} entities ` +
          `${r.rows.toLocaleString('en-US').padStart(11)} rows ${String(r.files).padStart(5)} files ` +
          `${r.seconds.toFixed(1).padStart(7)} s ${r.peakRssMb.toFixed(0).padStart(6)} MB peak ` +
          `${r.diskMb.toFixed(0).padStart(6)} MB disk  (target < ${r.targetSeconds ?? '–'} s) ${verdict}\n`,
      );
    }
  }
}
