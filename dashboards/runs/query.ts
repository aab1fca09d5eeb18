/**
 * What the runs-and-models page shows: build history from the warehouse (every build, published or
 * not), and the served build's own model and test records. The warehouse may be held by an ingest or
 * a build in another process; the page then shows the served build's records alone and says so.
 */
import { existsSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import { withDb, type Db } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import { isLockError } from '../../lib/errors.js';
import { queryDb } from '../../lib/kysely/queryDb.js';

export interface BuildRun {
  build_id: string;
  as_of: string;
  started_at: string | null;
  finished_at: string | null;
  seconds: number | null;
  status: string;
  selection: string | null;
  message: string | null;
}

export interface ModelRun {
  model: string;
  materialized: string;
  action: string;
  status: string;
  rows: number | null;
  seconds: number;
  message: string | null;
}

export interface TestRun {
  test: string;
  kind: string;
  models: string[];
  severity: string;
  status: string;
  failures: number;
  seconds: number;
  message: string | null;
}

const stamp = (column: 'started_at' | 'finished_at') =>
  sql<string | null>`strftime(${sql.ref(column)}, '%Y-%m-%d %H:%M:%S')`.as(column);

export async function builtRecords(db: Db): Promise<{ builds: BuildRun[]; models: ModelRun[]; tests: TestRun[] }> {
  const has = await db.value<number>(
    `select count(*) from duckdb_tables() where database_name = current_database() and schema_name = 'runs'
       and table_name in ('builds', 'models', 'tests')`,
  );
  if (has < 3) return { builds: [], models: [], tests: [] };
  const q = queryDb(db);
  const builds = await q
    .selectFrom('runs.builds')
    .select([
      'build_id',
      sql<string>`cast(as_of as varchar)`.as('as_of'),
      stamp('started_at'),
      stamp('finished_at'),
      sql<number | null>`round(epoch(finished_at) - epoch(started_at), 1)`.as('seconds'),
      'status',
      'selection',
      'message',
    ])
    .orderBy(sql`started_at desc nulls last`)
    .orderBy('build_id', 'desc')
    .limit(100)
    .execute();
  const models = await q
    .selectFrom('runs.models')
    .select([
      'model',
      'materialized',
      'action',
      'status',
      'rows',
      sql<number>`round(seconds, 2)`.as('seconds'),
      'message',
    ])
    .orderBy('model')
    .execute();
  const tests = await q
    .selectFrom('runs.tests')
    .select([
      'test',
      'kind',
      'models',
      'severity',
      'status',
      'failures',
      sql<number>`round(seconds, 2)`.as('seconds'),
      'message',
    ])
    .orderBy(sql`case status when 'error' then 0 when 'fail' then 1 when 'warn' then 2 else 3 end`)
    .orderBy('test')
    .execute();
  return { builds, models, tests };
}

/** The last date of the build's ref.calendar (null in a build without one). */
export async function calendarEnd(db: Db): Promise<string | null> {
  const has = await db.value<number>(
    `select count(*) from duckdb_tables() where database_name = current_database() and schema_name = 'ref' and table_name = 'calendar'`,
  );
  return has ? db.value<string | null>(`select cast(max(date) as varchar) from ref.calendar`) : null;
}

export type HistorySource = 'warehouse' | 'warehouse_busy' | 'no_warehouse';

type History = { source: HistorySource; builds: BuildRun[] };

/**
 * The history as last read, by warehouse, while its file and WAL are unchanged: opening the warehouse
 * for every view of the page (hundreds of ms each, 32 at once under load) made /runs take seconds, and
 * its records change only when an ingest or a build writes the file. A busy warehouse is not kept.
 */
const histories = new Map<string, { state: string; history: Promise<History> }>();

function fileState(file: string): string {
  const at = (f: string) => {
    try {
      const st = statSync(f);
      return `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  return `${at(file)}|${at(`${file}.wal`)}`;
}

export function buildHistory(dataDir: string): Promise<History> {
  const file = paths.warehouse(dataDir);
  const state = fileState(file);
  const held = histories.get(file);
  if (held?.state === state) return held.history;
  const history = readHistory(file);
  histories.set(file, { state, history });
  const forget = () => histories.get(file)?.history === history && histories.delete(file);
  void history.then((h) => h.source === 'warehouse_busy' && forget(), forget);
  return history;
}

async function readHistory(file: string): Promise<History> {
  if (!existsSync(file)) return { source: 'no_warehouse', builds: [] };
  try {
    return await withDb(file, { readOnly: true, threads: 1 }, async (db) => ({
      source: 'warehouse',
      builds: (await builtRecords(db)).builds,
    }));
  } catch (e) {
    if (isLockError(e)) return { source: 'warehouse_busy', builds: [] };
    throw e;
  }
}
