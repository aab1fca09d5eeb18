/**
 * The source sync's COPY text (copyText.ts) on a real local cluster: values that COPY's text format must
 * escape — tab, newline, carriage return, backslash, a literal `\N`, quotes, emoji — and NULL against the
 * empty string arrive exactly as DuckDB held them, in a plain table and in one sharded across the two
 * workers, in text and in list columns; a NUL, which PostgreSQL text cannot hold, arrives as U+FFFD and
 * is counted; a second sync after new rows sends only those.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../lib/config/schema.js';
import { Database, literal, type Db } from '../../lib/db.js';
import { connect } from '../../pipelines/build/engines/postgres/connection.js';
import { ensureWorkerServers } from '../../pipelines/build/engines/postgres/layout.js';
import { META_DDL, syncSourceToPostgres } from '../../pipelines/build/engines/postgres/sync.js';
import { configForCluster, startLocalCluster, type LocalCluster } from '../../scripts/pgCluster.js';
import { config as baseConfig } from '../build/helpers.js';

const HOSTILE: Array<string | null> = [
  'tab\there',
  'line1\nline2',
  'crlf\r\nend',
  'back\\slash',
  'ends with a backslash\\',
  '\\N',
  '\\\\N\\t',
  `quote " and ' both`,
  'emoji 😀 信用风险 𠮷',
  '',
  null,
  ' \t ',
  '{"a": [1, "x\\"y"]}',
  'a,b;c|d',
  'x'.repeat(70_000),
];
const LISTS: Array<Array<string | null> | null> = [
  ['a,b', 'q"uote', null, 'back\\', '', 'tab\tnew\nline', '{}', 'NULL'],
  [],
  null,
];

let cluster: LocalCluster;
let config: Config;
let coord: pg.Client;
let database: Database;
let db: Db;

beforeAll(async () => {
  cluster = await startLocalCluster({ workers: 2 });
  config = configForCluster(baseConfig, cluster, { database: 'postgres', sharded_tables: ['raw.hostile'] });
  coord = await connect(config.postgres, config.postgres.coordinator, 'coordinator');
  await coord.query(META_DDL);
  await ensureWorkerServers(coord, config.postgres);
  database = await Database.open(':memory:');
  db = await database.connect();
}, 120_000);
afterAll(async () => {
  await coord?.end();
  db?.close();
  database?.close();
  cluster?.stop();
});

const listSql = (l: Array<string | null> | null) =>
  l === null ? 'null::varchar[]' : `[${l.map((x) => (x === null ? 'null' : literal(x))).join(', ')}]::varchar[]`;

/** A DuckDB table in memory.<schema>.hostile: one row per hostile text, the lists beside the first ones. */
async function makeSource(schema: string, fileId: number, texts: ReadonlyArray<string | null>, from = 0) {
  await db.exec(`create schema if not exists memory.${schema}`);
  await db.exec(`create table if not exists memory.${schema}.hostile (id integer, uscc varchar, _file_id bigint,
    t varchar, l varchar[], d double, n decimal(18, 2), day date, ts timestamp)`);
  for (const [i, t] of texts.entries())
    await db.run(
      `insert into memory.${schema}.hostile values (?, ?, ?, ?, ${listSql(LISTS[i % LISTS.length]!)}, ?::double, ?, ?, ?)`,
      [
        from + i,
        `9135020${String(from + i).padStart(11, '0')}`,
        fileId,
        t,
        // As text: a JavaScript -0 would be bound as the integer 0.
        String([0.1, 1e-300, '-0', 1 / 3][i % 4]!),
        123.4,
        '2025-12-31',
        '2025-12-31 23:59:58.5',
      ],
    );
}

const sync = (schema: string) =>
  syncSourceToPostgres(
    db,
    coord,
    config.postgres,
    { schema, table: 'hostile' },
    { unitErrorThresholdYuan: 1e9, buildId: 'copy-test', warehouseId: 'w', catalog: 'memory' },
  );

async function arrived(schema: string) {
  const { rows } = await coord.query<{
    id: number;
    t: string | null;
    l: Array<string | null> | null;
    d: number;
    n: number;
    day: string;
    ts: string;
  }>(`select id, t, l, d, n, day, ts::text as ts from ${schema}.hostile order by id`);
  return rows;
}

describe.each(['plain', 'raw'])('COPY into %s.hostile', (schema) => {
  it('every hostile value and NULL against empty arrive exactly', async () => {
    await makeSource(schema, 1, HOSTILE);
    const r = await sync(schema);
    expect(r).toMatchObject({ mode: 'copied', loaded: HOSTILE.length, rows: HOSTILE.length, nulReplaced: 0 });
    const rows = await arrived(schema);
    expect(rows.map((x) => x.t)).toEqual(HOSTILE);
    expect(rows.map((x) => x.l)).toEqual(HOSTILE.map((_, i) => LISTS[i % LISTS.length]));
    expect(rows[0]).toMatchObject({ d: 0.1, n: 123.4, day: '2025-12-31', ts: '2025-12-31 23:59:58.5' });
    expect(rows.slice(0, 4).map((x) => x.d)).toEqual([0.1, 1e-300, -0, 1 / 3]);
    expect(rows.find((x) => x.t === '')?.t).toBe('');
    expect(rows.find((x) => x.t === null)?.t).toBeNull();
  });

  it('a NUL arrives as U+FFFD, counted; a second sync sends only the new file', async () => {
    await makeSource(schema, 2, ['before\0after', 'plain'], 1000);
    const r = await sync(schema);
    expect(r).toMatchObject({ mode: 'appended', loaded: 2, rows: HOSTILE.length + 2, nulReplaced: 1 });
    const rows = await arrived(schema);
    expect(rows.slice(-2).map((x) => x.t)).toEqual(['before\uFFFDafter', 'plain']);
    expect(rows.slice(0, HOSTILE.length).map((x) => x.t)).toEqual(HOSTILE);
    const loads = await coord.query(
      `select mode, rows, nul_replaced from cs_meta.source_loads where schema_name = $1 order by loaded_at`,
      [schema],
    );
    expect(loads.rows).toEqual([
      { mode: 'copied', rows: HOSTILE.length, nul_replaced: 0 },
      { mode: 'appended', rows: 2, nul_replaced: 1 },
    ]);
    expect(await sync(schema)).toMatchObject({ mode: 'appended', loaded: 0, rows: HOSTILE.length + 2 });
  });
});

it('the sharded table holds its rows on the workers', async () => {
  const { rows } = await coord.query<{ n: number }>(
    `select count(*)::bigint as n from pg_inherits where inhparent = 'raw.hostile'::regclass`,
  );
  expect(rows[0]!.n).toBe(4);
  const worker = await connect(config.postgres, config.postgres.workers[0]!, 'worker 1');
  try {
    const held = await worker.query<{ n: number }>(
      `select sum(n)::bigint as n from (select count(*) as n from shards.raw__hostile_p0
         union all select count(*) from shards.raw__hostile_p2) s`,
    );
    expect(held.rows[0]!.n).toBeGreaterThan(0);
  } finally {
    await worker.end();
  }
});
