/**
 * Comparing builds: a chain of builds from previous builds must publish the same tables as a
 * --full-refresh build of the same warehouse (pipelines/build/build.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Database, ident, literal } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';

/**
 * Tables whose rows carry the build chain itself: the warnings' history (build ids) and their status against the
 * previous build, the credit grades' history (build ids) that grade_change warnings compare with, and the red
 * list's monthly judgement and both lists' month-by-month history, whose earlier months take the grade of the
 * chain's earlier builds (docs/rules.md "Red and black lists": a full refresh has no grade for the months
 * before its as-of).
 */
const CHAIN_TABLES = new Set([
  'warnings_history',
  'warnings',
  'credit_grades_history',
  'int_red_list_monthly',
  'list_history',
]);

export function inboxFiles(dir: string): string[] {
  const inbox = paths.inbox(dir);
  return readdirSync(inbox, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(inbox, f)).isFile())
    .sort((a, b) => statSync(join(inbox, a)).mtimeMs - statSync(join(inbox, b)).mtimeMs || a.localeCompare(b));
}

/** Tables of the main schema whose rows differ between two build files (both directions, with multiplicity). */
export async function differingTables(
  a: string,
  b: string,
): Promise<{ table: string; onlyA: number; onlyB: number }[]> {
  const database = await Database.open(':memory:');
  const db = await database.connect();
  try {
    await db.run(`attach ${literal(a)} as a (read_only)`);
    await db.run(`attach ${literal(b)} as b (read_only)`);
    const tables = await db.all<{ t: string }>(
      `select table_name as t from duckdb_tables() where database_name = 'a' and schema_name = 'main' order by 1`,
    );
    expect(tables.length).toBeGreaterThan(30);
    const out = [];
    for (const { t } of tables) {
      if (CHAIN_TABLES.has(t)) continue;
      const onlyA = await db.value<number>(
        `select count(*) from (select * from a.main.${ident(t)} except all select * from b.main.${ident(t)})`,
      );
      const onlyB = await db.value<number>(
        `select count(*) from (select * from b.main.${ident(t)} except all select * from a.main.${ident(t)})`,
      );
      if (onlyA || onlyB) out.push({ table: t, onlyA, onlyB });
    }
    return out;
  } finally {
    db.close();
    database.close();
  }
}
