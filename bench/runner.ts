/**
 * Runner overhead: a full build of a model DAG against executing the same SQL statements directly on
 * DuckDB, in sequence, into a fresh file. `npx tsx bench/runner.ts` runs it alone.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../lib/config/load.js';
import type { Config } from '../lib/config/schema.js';
import { installMacros } from '../lib/sql/macros.js';
import { Database, literal, withDb } from '../lib/db.js';
import { silentLog } from '../lib/log.js';
import { paths } from '../lib/dataDir.js';
import { build } from '../pipelines/build/build.js';
import { WAREHOUSE } from '../pipelines/build/materialize.js';

const ROWS = 2_000_000;
/** a0 … a19: seed() names the authority of row i 'a' || (i % 20). */
const AUTHORITIES = Array.from({ length: 20 }, (_, i) => `a${i}`).join(', ');

const MODELS: Record<string, string> = {
  'staging/stg_penalties.sql': `
with source as (select * from {{ source('raw', 'penalties') }})
select _key as penalty_key, _file_id as file_id, _row_number as row_number, authority, uscc, decided_date, fine_yuan
from source where _reason is null`,
  'intermediate/int_penalties_latest.sql': `
select * from {{ ref('stg_penalties') }}
qualify row_number() over (partition by penalty_key order by file_id desc, row_number desc) = 1`,
  'intermediate/int_entity_penalties.sql': `
select uscc, count(*) as penalties, sum(fine_yuan) as fines_yuan,
  min(decided_date) as first_date, max(decided_date) as last_date
from {{ ref('int_penalties_latest') }} group by uscc`,
  'marts/repeat_violators.sql': `
select * from {{ ref('int_entity_penalties') }} where penalties >= {{ config('flags.repeat_min_events') }}`,
  'marts/daily_penalties.sql': `
select decided_date, count(*) as penalties, sum(fine_yuan) as fines_yuan
from {{ ref('int_penalties_latest') }} where decided_date <= {{ var('as_of') }} group by decided_date`,
  'marts/authorities.sql': `
select authority, count(*) as penalties, count(distinct uscc) as entities
from {{ ref('int_penalties_latest') }} group by authority`,
  'intermediate/_intermediate.yml': `
models:
  - name: int_penalties_latest
    config: { materialized: table }
    columns:
      - name: penalty_key
        tests: [unique, not_null]
      - name: authority
        tests:
          - relationships: { to: "ref('authorities')", field: authority }
  - name: int_entity_penalties
    config: { materialized: table }
    columns:
      - name: uscc
        tests: [unique]
`,
  'marts/_marts.yml': `
models:
  - name: daily_penalties
    columns:
      - name: decided_date
        tests: [unique, not_null]
    tests:
      - expression: 'penalties > 0'
  - name: authorities
    columns:
      - name: authority
        tests:
          - accepted_values: { values: [${AUTHORITIES}] }
`,
};

async function seed(dataDir: string): Promise<void> {
  await withDb(paths.warehouse(dataDir), {}, (db) =>
    db.exec(`create schema raw;
      create table raw.penalties as
      select (i // 500000 + 1)::bigint as _file_id, (i % 500000 + 1)::integer as _row_number,
        case when i % 97 = 0 then 'missing_required:处罚决定日期' end as _reason, []::varchar[] as _findings,
        'k' || (i % 2000000) as _key, 'a' || (i % 20) as authority, 'u' || (i % 400000) as uscc,
        date '2020-01-01' + (i % 2000)::integer as decided_date, (i % 10000)::double as fine_yuan
      from range(${ROWS}) as t(i);`),
  );
}

/**
 * The statements the runner traced, run one after another on a plain DuckDB connection (with the cs_
 * macros when the models call them, as the build installs them).
 */
export async function direct(
  dataDir: string,
  statements: readonly string[],
  macros?: Readonly<Config>,
): Promise<number> {
  const file = join(dataDir, 'direct.duckdb');
  rmSync(file, { force: true });
  const started = performance.now();
  const database = await Database.open(file);
  const db = await database.connect();
  try {
    if (macros) await installMacros(db, macros);
    await db.run(`attach ${literal(paths.warehouse(dataDir))} as ${WAREHOUSE} (read_only)`);
    for (const sql of statements) {
      if (sql.startsWith('select count(*) as failures')) await db.value(sql);
      else await db.exec(sql);
    }
    await db.run('checkpoint');
  } finally {
    db.close();
    database.close();
  }
  const seconds = (performance.now() - started) / 1000;
  rmSync(file, { force: true });
  return seconds;
}

export async function benchRunner(): Promise<
  { name: string; seconds: number; baselineSeconds: number; ratio: number }[]
> {
  const root = mkdtempSync(join(tmpdir(), 'bench-runner-'));
  try {
    const modelsDir = join(root, 'models');
    for (const [rel, text] of Object.entries(MODELS)) {
      mkdirSync(dirname(join(modelsDir, rel)), { recursive: true });
      writeFileSync(join(modelsDir, rel), text);
    }
    const dataDir = join(root, 'data');
    await seed(dataDir);
    const config = loadConfig();
    const runner: number[] = [];
    const baseline: number[] = [];
    // Alternate the two, three times each, and compare medians: the machine is shared and noisy.
    for (let i = 0; i < 3; i++) {
      const trace: string[] = [];
      const started = performance.now();
      const result = await build({
        dataDir,
        modelsDir,
        config,
        asOf: '2025-12-31',
        log: silentLog(),
        trace,
        fullRefresh: true,
      });
      runner.push((performance.now() - started) / 1000);
      if (!result.published) throw new Error(`benchmark build not published: ${result.message}`);
      baseline.push(await direct(dataDir, trace));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const seconds = median(runner);
    const baselineSeconds = median(baseline);
    return [
      {
        name: `runner: full build, 6 models + 9 tests over ${ROWS / 1e6} M raw rows`,
        seconds,
        baselineSeconds,
        ratio: seconds / baselineSeconds,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchRunner()) {
    process.stdout.write(
      `${r.name}: runner ${r.seconds.toFixed(2)} s, direct ${r.baselineSeconds.toFixed(2)} s, ` +
        `ratio ${r.ratio.toFixed(3)}\n`,
    );
  }
}
