/**
 * Small checks arriving together share one statement (server/services/checkBatcher.ts), and each still gets
 * exactly the answer it gets alone: the same results, in its own order, suggestions included (a batch never
 * holds more distinct names than `checks.suggestions.max_names`). Run on the shared world's published build
 * through the server's own build handle and connection pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config/load.js';
import { paths } from '../../lib/dataDir.js';
import { Database } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { checkSubjects, type Subject } from '../../dashboards/check/query.js';
import { ConnectionPool } from '../../server/connectionPool.js';
import { BuildHandle } from '../../server/publishedBuild.js';
import { CheckBatcher } from '../../server/services/checkBatcher.js';
import { sharedWorldDir } from '../sharedWorld/index.js';
import { uscc as makeUscc } from '../ingest/codes.js';

const config = loadConfig();
let database: Database;
let build: BuildHandle;
let statements = 0;
let dataDir: string;

beforeAll(async () => {
  dataDir = await sharedWorldDir();
  const pointer = readPointer(dataDir)!;
  database = await Database.open(paths.pointedFile(dataDir, pointer.file), { readOnly: true });
  build = new BuildHandle(pointer, database, await ConnectionPool.create(database, 2));
  const query = build.query.bind(build);
  build.query = (fn) => {
    statements++;
    return query(fn);
  };
}, 600_000);

afterAll(() => build?.retire());

const alone = (subjects: readonly Subject[]) =>
  build.query((db) => checkSubjects(db, subjects, { asOf: build.pointer.as_of, config }));

/** Checks of one to three subjects: flagged USCCs, unknown and invalid ones, register names and a misspelt one. */
async function smallChecks(): Promise<Subject[][]> {
  const key = JSON.parse(readFileSync(join(dataDir, 'answer-key', 'repeat-violators.json'), 'utf8')) as Array<{
    uscc: string;
    name: string;
  }>;
  const rows = key.slice(0, 12);
  expect(rows.length).toBeGreaterThan(5);
  const usccs = rows.map((r, i): Subject[] => [
    { query: r.uscc, kind: 'uscc' },
    ...(i % 3 === 0 ? [{ query: makeUscc('91110000', `QC${String(i).padStart(6, '0')}`), kind: 'uscc' as const }] : []),
    ...(i % 4 === 0 ? [{ query: 'not-a-uscc', kind: 'uscc' as const }] : []),
  ]);
  const names = rows.map((r, i): Subject[] =>
    i % 2 === 0 ? [{ query: r.name, kind: 'name' }] : [{ query: `${r.name}甲乙`, kind: 'name' }],
  );
  return [...usccs, ...names];
}

describe('the check batcher', () => {
  it('answers checks that arrive together in fewer statements, each exactly as alone', async () => {
    const checks = await smallChecks();
    const expected: unknown[] = [];
    for (const c of checks) expected.push(await alone(c));
    const batcher = new CheckBatcher(build, config, 1);
    statements = 0;
    const got = await Promise.all(checks.map((c) => batcher.check(c)));
    expect(got).toEqual(expected);
    expect(got.flat().some((r) => r.match === 'not_found' && (r.suggestions?.length ?? 0) > 0)).toBe(true);
    expect(got.flat().some((r) => r.flags.length > 0)).toBe(true);
    // The 12 USCC checks join the first batch; the 12 name checks go max_names (5) distinct names per batch.
    expect(statements).toBe(Math.ceil(12 / config.checks.suggestions.max_names));
  });

  it('runs a check of more than a hundred subjects alone, and passes a failing statement to every waiting check', async () => {
    const batcher = new CheckBatcher(build, config, 1);
    const big = Array.from({ length: 150 }, (_, i): Subject => ({
      query: makeUscc('91110000', `QD${String(i).padStart(6, '0')}`),
      kind: 'uscc',
    }));
    statements = 0;
    const [a, b] = await Promise.all([batcher.check(big), batcher.check(big.slice(0, 1))]);
    expect(a).toHaveLength(150);
    expect(b).toEqual(a.slice(0, 1));
    expect(statements).toBe(2);
    const broken = new CheckBatcher(
      new BuildHandle(build.pointer, database, {
        use: () => Promise.reject(new Error('connection lost')),
        size: 1,
      } as unknown as ConnectionPool),
      config,
      1,
    );
    const results = await Promise.allSettled([broken.check(big.slice(0, 1)), broken.check(big.slice(1, 2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
