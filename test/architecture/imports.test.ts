/**
 * The house rule of docs/architecture.md: each stage is a folder, and folders import each other in one
 * direction only. Every static and dynamic import of the product's own files is read and checked
 * against the table below, which is the drawing of docs/architecture.md in code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Each unit and the units it may import, top of the house first. lib/ imports nothing of the product. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  bin: ['cli'],
  bench: [
    'cli',
    'scripts',
    'server',
    'generator',
    'pipelines/schedule',
    'pipelines/report',
    'pipelines/export',
    'pipelines/build',
    'pipelines/ingest',
    'lib',
  ],
  cli: [
    'server',
    'generator',
    'pipelines/schedule',
    'pipelines/report',
    'pipelines/export',
    'pipelines/build',
    'pipelines/ingest',
    'lib',
  ],
  server: ['dashboards', 'pipelines/schedule', 'pipelines/export', 'pipelines/build', 'lib'],
  dashboards: ['pipelines/export', 'pipelines/build', 'lib'],
  'pipelines/schedule': ['pipelines/report', 'pipelines/export', 'pipelines/build', 'pipelines/ingest', 'lib'],
  'pipelines/report': ['pipelines/export', 'lib'],
  'pipelines/export': ['pipelines/ingest', 'lib'],
  'pipelines/build': ['pipelines/ingest', 'lib'],
  'pipelines/ingest': ['lib'],
  generator: ['lib'],
  scripts: ['lib'],
  lib: [],
};
const UNITS = Object.keys(MAY_IMPORT).sort((a, b) => b.length - a.length);

function unitOf(file: string): string | null {
  return UNITS.find((u) => file === u || file.startsWith(`${u}/`)) ?? null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'out' ? [] : sourceFiles(path);
    return /\.(ts|js)$/.test(e.name) ? [path] : [];
  });
}

const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

interface Edge {
  from: string;
  to: string;
}

function importsOf(file: string): Edge[] {
  const text = readFileSync(join(REPO, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].map((m) => ({
    from: file,
    to: normalize(join(dirname(file), m[2]!)).replace(/\.js$/, '.ts'),
  }));
}

const FILES = ['bin', 'bench', 'cli', 'server', 'dashboards', 'pipelines', 'generator', 'scripts', 'lib'].flatMap(
  sourceFiles,
);
const EDGES = FILES.flatMap(importsOf);

describe('import direction', () => {
  it('reads the whole house', () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(FILES.filter((f) => unitOf(f) === null)).toEqual([]);
  });

  it('has every import point down the table (lib/ imports nothing of the product)', () => {
    const wrong = EDGES.filter((e) => {
      const from = unitOf(e.from)!;
      const to = unitOf(e.to);
      return to !== null && to !== from && !MAY_IMPORT[from]!.includes(to);
    }).map((e) => `${e.from} -> ${relative('.', e.to)}`);
    expect(wrong).toEqual([]);
  });

  it('draws a table without a circle', () => {
    const seen = new Set<string>();
    const visiting = new Set<string>();
    const visit = (u: string, path: string[]): void => {
      if (visiting.has(u)) throw new Error(`circle: ${[...path, u].join(' -> ')}`);
      if (seen.has(u)) return;
      visiting.add(u);
      for (const v of MAY_IMPORT[u]!) visit(v, [...path, u]);
      visiting.delete(u);
      seen.add(u);
    };
    for (const u of UNITS) visit(u, []);
    expect(seen.size).toBe(UNITS.length);
  });

  it('is caught by the rule when an import points up', () => {
    const fake: Edge = { from: 'lib/db.ts', to: 'server/app.ts' };
    expect(MAY_IMPORT[unitOf(fake.from)!]!.includes(unitOf(fake.to)!)).toBe(false);
  });
});
