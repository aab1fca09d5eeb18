/**
 * Runs killed mid-way (kill -9, power loss) leave their row at status 'running'. The next process that
 * opens the warehouse for writing marks them 'interrupted'. DuckDB lets one process write a file, so a
 * run of another process cannot still be going on; the recorded pid is checked as well, so a run of a
 * live process is never marked (and a crash of this same process, which runs one job at a time, is).
 */
import type { Db } from '../../lib/db.js';

/** Whether a process with this id exists (signal 0 only checks; EPERM means it exists, owned by another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The ingest run's process id, so a later process can tell a killed run from a running one. */
export async function ensureRunPid(db: Db): Promise<void> {
  await db.run('alter table ingest.runs add column if not exists pid integer');
}

/** Whether `schema.table` (and `column`, when given) exists in the warehouse named by `catalog`. */
async function exists(db: Db, catalog: string, schema: string, table: string, column?: string): Promise<boolean> {
  const database = catalog ? `'${catalog.slice(0, -1)}'` : 'current_database()';
  const n = await db.value<number>(
    `select count(*) from duckdb_columns() where database_name = ${database} and schema_name = ? and table_name = ?
       and (? is null or column_name = ?)`,
    [schema, table, column ?? null, column ?? null],
  );
  return Number(n) > 0;
}

/**
 * Marks the ingest runs and builds left 'running' by a process that is gone; `catalog` names the
 * attached warehouse when called from a build file (`wh.`). Returns the run and build ids it marked.
 */
export async function markInterrupted(db: Db, catalog = '', self = process.pid): Promise<string[]> {
  const marked: string[] = [];
  if (await exists(db, catalog, 'ingest', 'runs')) {
    const pid = (await exists(db, catalog, 'ingest', 'runs', 'pid')) ? 'pid' : 'null::integer as pid';
    const runs = await db.all<{ run_id: string; pid: number | null }>(
      `select run_id, ${pid} from ${catalog}ingest.runs where status = 'running'`,
    );
    for (const r of runs) {
      if (r.pid !== null && r.pid !== self && isAlive(r.pid)) continue;
      await db.run(`update ${catalog}ingest.runs set status = 'interrupted' where run_id = ?`, [r.run_id]);
      marked.push(r.run_id);
    }
  }
  if (await exists(db, catalog, 'runs', 'builds')) {
    // A build holds the warehouse attached for writing while it runs, so one found 'running' is gone.
    const builds = await db.all<{ build_id: string }>(
      `update ${catalog}runs.builds set status = 'interrupted' where status = 'running' returning build_id`,
    );
    marked.push(...builds.map((b) => b.build_id));
  }
  return marked;
}
