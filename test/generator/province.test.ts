import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'sentinel.js');
const AS_OF = '2026-06-30';
const args = (out: string, seed: number) => [
  BIN,
  'generate',
  '--scale',
  'province-mini',
  '--seed',
  String(seed),
  '--as-of',
  AS_OF,
  '--out',
  out,
];

function run(out: string, seed = 5): string {
  return execFileSync('node', args(out, seed), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a run and SIGKILLs it as soon as a progress line matches `when`; resolves with stderr. */
function runAndKill(out: string, when: RegExp, seed = 5): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('node', args(out, seed), { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let killed = false;
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (!killed && when.test(err)) {
        killed = true;
        p.kill('SIGKILL');
      }
    });
    p.on('error', reject);
    p.on('close', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(err) : reject(new Error(`run ended without being killed:\n${err}`)),
    );
  });
}

function fingerprint(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort()
    .map(
      (f) =>
        `${f.slice(dir.length)} ${statSync(f).mtimeMs} ${createHash('sha256').update(readFileSync(f)).digest('hex')}`,
    );
}

interface Manifest {
  done: { shard: number; dir: string; entities: number }[];
  complete: boolean;
  totals: { entities: number; rows: number } | null;
}
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'province.json'), 'utf8')) as Manifest;

describe('sentinel generate --scale province-mini (the sharded, resumable path of the province)', () => {
  let whole: string;
  let resumed: string;
  let killedAt: Manifest;
  let rerunOut: string;

  beforeAll(async () => {
    whole = mkdtempSync(join(tmpdir(), 'gen-prov-whole-'));
    resumed = mkdtempSync(join(tmpdir(), 'gen-prov-resumed-'));
    run(whole);
    // Killed in the middle of the third shard, after two were recorded.
    await runAndKill(resumed, /shard 3\/4: penalties/);
    killedAt = manifest(resumed);
    rerunOut = run(resumed);
  }, 240_000);
  afterAll(() => {
    rmSync(whole, { recursive: true, force: true });
    rmSync(resumed, { recursive: true, force: true });
  });

  it('writes every shard as a world of its own with an answer key, and records them in province.json', () => {
    const m = manifest(whole);
    expect(m.complete).toBe(true);
    expect(m.done.map((d) => d.dir)).toEqual(['shards/001', 'shards/002', 'shards/003', 'shards/004']);
    for (const d of m.done) {
      expect(readdirSync(join(whole, d.dir, 'inbox')).length).toBeGreaterThan(10);
      expect(existsSync(join(whole, d.dir, 'answer-key', 'repeat-violators.json'))).toBe(true);
    }
    expect(m.totals?.entities).toBe(m.done.reduce((s, d) => s + d.entities, 0));
  });

  it('a run killed mid-shard has recorded only the finished shards', () => {
    expect(killedAt.complete).toBe(false);
    expect(killedAt.done.map((d) => d.shard)).toEqual([1, 2]);
  });

  it('a rerun after the kill keeps the finished shards and ends byte-identical to an uninterrupted run', () => {
    expect(rerunOut).toMatch(/over 4 shards \(2 kept from an earlier run\)/);
    const a = fingerprint(whole);
    expect(a.length).toBeGreaterThan(1000);
    expect(fingerprint(resumed)).toEqual(a);
  });

  it('leaves no partial shard or temporary manifest behind', () => {
    expect(readdirSync(join(resumed, 'shards')).sort()).toEqual(['001', '002', '003', '004']);
    expect(readdirSync(resumed).sort()).toEqual(['province.json', 'shards']);
  });

  it('gives shards disjoint USCCs, planted cases included', () => {
    const seen = new Map<string, number>();
    for (const d of manifest(whole).done) {
      const planted = JSON.parse(readFileSync(join(whole, d.dir, 'answer-key', 'planted_cases.json'), 'utf8')) as {
        cases: { usccs: string[] }[];
      };
      const repeat = JSON.parse(readFileSync(join(whole, d.dir, 'answer-key', 'repeat-violators.json'), 'utf8')) as {
        uscc: string;
      }[];
      const mine = new Set(
        [...planted.cases.flatMap((c) => c.usccs), ...repeat.map((r) => r.uscc)].filter((u) => u.length === 18),
      );
      expect(mine.size).toBeGreaterThan(10);
      for (const u of mine) {
        expect(seen.get(u), `${u} of shard ${d.shard} also in shard ${seen.get(u)}`).toBeUndefined();
        seen.set(u, d.shard);
      }
    }
  });

  it('a rerun with another seed replaces the shards of the earlier run', () => {
    const out = run(resumed, 6);
    expect(out).toMatch(/\(0 kept from an earlier run\)/);
    expect(fingerprint(resumed)).not.toEqual(fingerprint(whole));
  }, 120_000);
});
