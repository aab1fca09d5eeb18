/** 预警: warnings by kind, level and status, filtered and paginated with bound parameters. */
import { sql, type NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';
import type { WarningsRow } from '../../lib/kysely/martTypes.js';
import type { Present } from '../../lib/kysely/present.js';

export interface WarningFilter {
  kind: string | null;
  level: string | null;
  status: string | null;
}

/** A department user's own department (lib/auth/scope.ts), or null for every warning. */
export type WarningScope = string | null;

/** Narrows to the department's own warnings: they name it as subject (scopeColumn in lib/auth/scope.ts). */
function scoped(db: Db, department: WarningScope) {
  const q = queryDb(db).selectFrom('warnings');
  return department === null ? q : q.where('subject_id', '=', department);
}

/** Every warning has its kind, level, status, first day and evidence (models/marts/warnings.sql). */
type Known = 'kind' | 'subject_id' | 'level' | 'status' | 'first_seen' | 'evidence';
export type WarningRow = Present<WarningsRow, Known>;

export async function warningCounts(
  db: Db,
  department: WarningScope = null,
): Promise<Array<{ kind: string; level: string; status: string; n: number }>> {
  return scoped(db, department)
    .select(['kind', 'level', 'status', sql<number>`count(*)::integer`.as('n')])
    .$narrowType<{ kind: NotNull; level: NotNull; status: NotNull }>()
    .groupBy(['kind', 'level', 'status'])
    .orderBy('kind')
    .orderBy('level')
    .orderBy('status')
    .execute();
}

function filtered(db: Db, f: WarningFilter, department: WarningScope) {
  let q = scoped(db, department);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.status) q = q.where('status', '=', f.status);
  return q;
}

export async function warningList(
  db: Db,
  f: WarningFilter,
  /** Null: every row (the page's export). */
  page: { limit: number; offset: number } | null,
  department: WarningScope = null,
): Promise<{ total: number; rows: WarningRow[] }> {
  const { total } = await filtered(db, f, department)
    .select(sql<number>`count(*)::integer`.as('total'))
    .executeTakeFirstOrThrow();
  let q = filtered(db, f, department)
    .selectAll()
    .orderBy(sql`case level when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end`)
    .orderBy(sql`case status when 'new' then 0 when 'ongoing' then 1 else 2 end`)
    .orderBy('kind')
    .orderBy('subject_id')
    .orderBy('warning_id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return { total, rows: await q.$castTo<WarningRow>().execute() };
}
