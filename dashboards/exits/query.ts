/** 移出与修复: the published worklist (mart `exits`), filtered; the store's live marks are laid over it by the route. */
import type { Db } from '../../lib/db.js';

export const EXIT_KINDS = ['publication_ended', 'repair_decided', 'serious_list_repaired'] as const;
export const EXIT_STATUSES = ['overdue', 'pending', 'done'] as const;

export interface ExitItem {
  item_id: string;
  kind: string;
  department: string;
  record_id: string;
  uscc: string;
  name: string | null;
  trigger_date: string;
  due_date: string | null;
  status: string;
  completed_date: string | null;
}

export interface ExitFilter {
  /** Null: every department (the credit office's view); a department user's is always its own. */
  department: string | null;
  kind: string | null;
  status: string | null;
}

const COLUMNS = `item_id, kind, department, record_id, uscc, name, cast(trigger_date as varchar) as trigger_date,
  cast(due_date as varchar) as due_date, status, cast(completed_date as varchar) as completed_date`;

/** Overdue first, then by due date (unknown last) and id: what must be taken down soonest leads. */
export async function exitItems(db: Db, f: ExitFilter, page?: { limit: number; offset: number }): Promise<ExitItem[]> {
  return db.all<ExitItem>(
    `select ${COLUMNS} from exits where ${FILTERED}
     order by status <> 'overdue', due_date nulls last, item_id
     limit $4 offset $5`,
    [f.department, f.kind, f.status, page?.limit ?? null, page?.offset ?? 0],
  );
}

const FILTERED = `($1::varchar is null or department = $1) and ($2::varchar is null or kind = $2)
  and ($3::varchar is null or status = $3)`;

/** How many items the filter keeps, and how many of those not yet done carry one of `marked` (item ids). */
export async function exitTotals(
  db: Db,
  f: ExitFilter,
  marked: readonly string[],
): Promise<{ items: number; marked: number }> {
  const r = await db.one<{ items: number; marked: number }>(
    `select count(*)::integer as items,
       (count(*) filter (where status <> 'done' and list_contains($4::varchar[], item_id)))::integer as marked
     from exits where ${FILTERED}`,
    [f.department, f.kind, f.status, marked],
  );
  return r ?? { items: 0, marked: 0 };
}

export async function exitItem(db: Db, itemId: string): Promise<ExitItem | null> {
  return (await db.all<ExitItem>(`select ${COLUMNS} from exits where item_id = $1`, [itemId]))[0] ?? null;
}

export interface DepartmentCounts {
  department: string;
  items: number;
  overdue: number;
  pending: number;
  done: number;
}

export async function exitCountsByDepartment(db: Db, department: string | null): Promise<DepartmentCounts[]> {
  return db.all<DepartmentCounts>(
    `select department, count(*)::integer as items,
       (count(*) filter (where status = 'overdue'))::integer as overdue,
       (count(*) filter (where status = 'pending'))::integer as pending,
       (count(*) filter (where status = 'done'))::integer as done
     from exits where ($1::varchar is null or department = $1)
     group by department order by overdue desc, department`,
    [department],
  );
}
