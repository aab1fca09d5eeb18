/** 预警: warnings by kind, level and status, filtered and paginated with bound parameters. */
import type { Db, Param } from '../../lib/db.js';

export interface WarningFilter {
  kind: string | null;
  level: string | null;
  status: string | null;
}

export interface WarningRow {
  warning_id: string;
  kind: string;
  subject_id: string;
  subject_name: string | null;
  level: string;
  status: string;
  first_seen: string;
  evidence: string[];
}

function where(f: WarningFilter): { sql: string; params: Param[] } {
  const parts: string[] = [];
  const params: Param[] = [];
  for (const [col, v] of [
    ['kind', f.kind],
    ['level', f.level],
    ['status', f.status],
  ] as const) {
    if (v) {
      parts.push(`${col} = ?`);
      params.push(v);
    }
  }
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

export async function warningCounts(
  db: Db,
): Promise<Array<{ kind: string; level: string; status: string; n: number }>> {
  return db.all(`select kind, level, status, count(*)::integer as n from warnings group by all order by all`);
}

export async function warningList(
  db: Db,
  f: WarningFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: WarningRow[] }> {
  const w = where(f);
  const total = await db.value<number>(`select count(*)::integer from warnings ${w.sql}`, w.params);
  const rows = await db.all<WarningRow>(
    `select * from warnings ${w.sql}
     order by case level when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end, case status when 'new' then 0 when 'ongoing' then 1 else 2 end, kind, subject_id, warning_id
     limit ${page.limit} offset ${page.offset}`,
    w.params,
  );
  return { total, rows };
}
