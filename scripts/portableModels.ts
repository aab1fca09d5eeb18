/**
 * A copy of a models folder for `--engine postgres` without the YAML data tests written with DuckDB
 * lambdas (`len(list_filter(lists, x -> …)) = 0`): PostgreSQL cannot run them, and a test's name is its
 * expression text, so they stay as they are in models/ (docs/scale-out.md). Used by the engine test and
 * the engines benchmark; everything else in the copy is models/ unchanged.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';

const DUCKDB_LAMBDA = /\w+\([\w.]+, \w+ -> /;

type ModelEntry = { name: string; tests?: unknown[]; columns?: Array<{ tests?: unknown[] }> };

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

/** The copy's folder and the names of the data tests left out of it. */
export function portableModels(modelsDir: string): { dir: string; leftOut: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'portable-models-'));
  cpSync(modelsDir, dir, { recursive: true });
  const leftOut: string[] = [];
  const keep = (tests: unknown[]) =>
    tests.filter((t) => {
      const lambda = DUCKDB_LAMBDA.test(JSON.stringify(t));
      if (lambda) leftOut.push(JSON.stringify(t));
      return !lambda;
    });
  for (const file of filesUnder(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const doc = YAML.parse(readFileSync(file, 'utf8')) as { models?: ModelEntry[] } | null;
    if (!doc?.models) continue;
    const before = leftOut.length;
    for (const m of doc.models) {
      if (m.tests) m.tests = keep(m.tests);
      for (const c of m.columns ?? []) if (c.tests) c.tests = keep(c.tests);
    }
    if (leftOut.length > before) writeFileSync(file, YAML.stringify(doc));
  }
  return { dir, leftOut };
}
