/**
 * The `checks` dataset: credit checks (逢办必查) per checking department and Asia/Shanghai month — the
 * coverage the credit office follows. It reads the check records themselves (lib/checks/store.ts), not a
 * build: a check counts from the moment it is made, and `--as-of` does not apply. The rows are put in
 * an in-memory DuckDB table so that the API's filters, pages and order apply to it as to every dataset.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readChecks, readFeedback } from '../../lib/checks/store.js';
import { paths } from '../../lib/dataDir.js';
import type { DatasetSpec } from '../../lib/datasets.js';
import { todayInShanghai } from '../../lib/dates.js';
import { withDb, type Db } from '../../lib/db.js';
import type { ExportRow } from './formats.js';
import { datasetRows } from './published.js';

export interface CheckCoverageRow {
  department: string | null;
  month: string;
  checks: number;
  subjects: number;
  restricted: number;
  caution: number;
  clear: number;
  unresolved: number;
  granted_despite_restricted: number;
}

const monthOf = (iso: string) => todayInShanghai(new Date(iso)).slice(0, 7);

export function checkCoverage(dataDir: string): CheckCoverageRow[] {
  const by = new Map<string, CheckCoverageRow>();
  const keyOf = (department: string | null, month: string) => JSON.stringify([department, month]);
  const checkKey = new Map<string, string>();
  for (const c of readChecks(dataDir)) {
    const month = monthOf(c.checked_at);
    const key = keyOf(c.department, month);
    checkKey.set(c.check_id, key);
    const row = by.get(key) ?? {
      department: c.department,
      month,
      checks: 0,
      subjects: 0,
      restricted: 0,
      caution: 0,
      clear: 0,
      unresolved: 0,
      granted_despite_restricted: 0,
    };
    row.checks++;
    row.subjects += c.subjects;
    for (const v of ['restricted', 'caution', 'clear', 'unresolved'] as const) row[v] += c.verdicts[v];
    by.set(key, row);
  }
  // A feedback counts in the department and month of the check it answers.
  for (const f of readFeedback(dataDir)) {
    const row = by.get(checkKey.get(f.check_id) ?? '');
    if (row) row.granted_despite_restricted++;
  }
  return [...by.values()];
}

/** The records' state as the file system sees it: every check and feedback appends to one of these files. */
export function checkRecordsState(dataDir: string): string {
  const dir = paths.checks(dataDir);
  if (!existsSync(dir)) return '-';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => {
      const st = statSync(join(dir, f));
      return `${f}:${st.size}:${st.mtimeMs}`;
    })
    .join('|');
}

/** Runs `fn` on a private in-memory database whose table `checks` holds the dataset. */
export async function withCheckCoverage<T>(dataDir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const rows = checkCoverage(dataDir);
  return withDb(':memory:', { threads: 1 }, async (db) => {
    await db.exec(
      `create table checks (department varchar, month varchar, checks bigint, subjects bigint, restricted bigint,
         caution bigint, clear bigint, unresolved bigint, granted_despite_restricted bigint)`,
    );
    for (const r of rows)
      await db.run(`insert into checks values (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        r.department,
        r.month,
        r.checks,
        r.subjects,
        r.restricted,
        r.caution,
        r.clear,
        r.unresolved,
        r.granted_despite_restricted,
      ]);
    return fn(db);
  });
}

/** The whole dataset for `sentinel export checks`, in the export's order. */
export function readCheckCoverage(dataDir: string, spec: DatasetSpec): Promise<ExportRow[]> {
  return withCheckCoverage(dataDir, (db) => datasetRows(db, spec));
}
