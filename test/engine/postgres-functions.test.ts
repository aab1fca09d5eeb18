/**
 * The PostgreSQL implementations of the cs_ functions (engines/postgres/functions.ts) against DuckDB's
 * macros (lib/sql/macros), on the same awkward inputs: full-width text, odd whitespace, valid and broken
 * USCCs and identity numbers. One PostgreSQL server (scripts/pgCluster.ts, no workers).
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { withDb } from '../../lib/db.js';
import { installMacros } from '../../lib/sql/macros.js';
import { functionsSql } from '../../pipelines/build/engines/postgres/functions.js';
import { startLocalCluster, type LocalCluster } from '../../scripts/pgCluster.js';

const TEXTS = [
  null,
  '',
  '  ',
  '厦门市 海沧区\u3000市场监督管理局',
  '（厦门）有限公司：分公司；',
  'ＡＢＣ１２３\u00A0x\ty',
  '厦市监处〔2025〕12号',
  '厦市监处[2025]12号',
  '厦市监处【2025】12号',
  '㈱ 株式会社',
  '91350200MA2XXXXX0X',
  '91350200ma2yhbtt8x',
  '91350200MA2YHBTT8X',
  '350203198001011234',
  '35020319800101123X',
  '350203800101123',
  '350203198001011235',
  'abc',
];
const FUNCTIONS = [
  'cs_norm',
  'cs_norm_docno',
  'cs_norm_code',
  'cs_uscc_valid',
  'cs_uscc_org_check_ok',
  'cs_id_norm',
  'cs_id_valid',
  'cs_id_mask',
];

let cluster: LocalCluster;
beforeAll(async () => {
  cluster = await startLocalCluster({ workers: 0 });
}, 60_000);
afterAll(() => cluster?.stop());

it('gives the same result as the DuckDB macro for every function and input', async () => {
  const duck = await withDb(':memory:', {}, async (db) => {
    await installMacros(db, loadConfig());
    const out: unknown[][] = [];
    for (const t of TEXTS) out.push(await Promise.all(FUNCTIONS.map((f) => db.value(`select ${f}(?::varchar)`, [t]))));
    return out;
  });
  const c = new pg.Client({
    host: cluster.coordinator.host,
    port: cluster.coordinator.port,
    user: cluster.user,
    database: 'postgres',
  });
  await c.connect();
  try {
    await c.query(functionsSql());
    const post: unknown[][] = [];
    for (const t of TEXTS) {
      const { rows } = await c.query(`select ${FUNCTIONS.map((f, i) => `cs.${f}($1::text) as f${i}`).join(', ')}`, [t]);
      post.push(FUNCTIONS.map((_, i) => rows[0][`f${i}`]));
    }
    expect(post).toEqual(duck);
    // The inputs reach both outcomes of the validators.
    expect(new Set(post.map((r) => r[3]))).toEqual(new Set([true, false]));
    expect(new Set(post.map((r) => r[6]))).toEqual(new Set([true, false]));
  } finally {
    await c.end();
  }
}, 60_000);

// The city's int_penalties_assessed got a parallel plan, and a try_cast (a plpgsql exception block, so
// a subtransaction) run in a parallel worker failed the build: the casts must work under one.
it('try_cast works in a query PostgreSQL runs in parallel', async () => {
  const c = new pg.Client({
    host: cluster.coordinator.host,
    port: cluster.coordinator.port,
    user: cluster.user,
    database: 'postgres',
  });
  await c.connect();
  try {
    await c.query(functionsSql());
    await c.query(`create table dates as select case when g % 3 = 0 then 'not a date'
      else ('2025-01-01'::date + (g % 365))::text end as d from generate_series(1, 20000) g`);
    // Parallel plans made cheap, so a scan of this small table gets one (as the city's large ones do);
    // marked parallel safe, the casts below fail here with that error.
    await c.query(`set parallel_setup_cost = 0; set parallel_tuple_cost = 0; set min_parallel_table_scan_size = 0;
      set max_parallel_workers_per_gather = 2`);
    const plan = await c.query(`explain select count(*) from dates where d <> ''`);
    expect(JSON.stringify(plan.rows)).toContain('Gather');
    const { rows } = await c.query<{ read: number; unread: number }>(
      `select count(cs.try_cast_date(d))::int as read, count(*) filter (where cs.try_cast_date(d) is null)::int as unread
       from dates where d <> ''`,
    );
    expect(rows[0]).toEqual({ read: 13334, unread: 6666 });
  } finally {
    await c.end();
  }
}, 60_000);
