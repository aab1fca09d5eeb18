/** 双公示质量 and 信用监测指标: the scorecard, department ranking of a month, and monthly rates against targets. */
import { sql, type NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';
import type { IndicatorsRow, PublicityQualityRow } from '../../lib/kysely/martTypes.js';
import type { Present } from '../../lib/kysely/present.js';

/**
 * An indicator as the scorecard shows it. Every configured indicator has its target, comparator and
 * verdict (models/marts/indicators.sql); the YAML does not test them for null yet, so the query narrows.
 */
export type IndicatorRow = Present<IndicatorsRow, 'target' | 'comparator' | 'met'>;

export interface MonthlyRate {
  month: string;
  records: number;
  timely_rate: number | null;
  compliance_rate: number | null;
}

/** A department's month: the mart's grain (department, month) and its counts are never null. */
export type DepartmentMonth = Present<PublicityQualityRow, keyof PublicityQualityRow>;

export async function indicatorRows(db: Db): Promise<IndicatorRow[]> {
  return queryDb(db)
    .selectFrom('indicators')
    .select(['indicator_id', 'value', 'target', 'comparator', 'met'])
    .$narrowType<{ target: NotNull; comparator: NotNull; met: NotNull }>()
    .orderBy('indicator_id')
    .execute();
}

/** A department user's own department (lib/auth/scope.ts), or null for every department. */
export type PublicityScope = string | null;

function scoped(db: Db, department: PublicityScope) {
  const q = queryDb(db).selectFrom('publicity_quality');
  return department === null ? q : q.where('department', '=', department);
}

export async function monthlyPublicity(db: Db, department: PublicityScope = null): Promise<MonthlyRate[]> {
  return scoped(db, department)
    .select([
      'month',
      sql<number>`sum(records)::integer`.as('records'),
      sql<number | null>`sum(timely) / nullif(sum(records), 0)`.as('timely_rate'),
      sql<number | null>`sum(compliant) / nullif(sum(records), 0)`.as('compliance_rate'),
    ])
    .$narrowType<{ month: NotNull }>()
    .groupBy('month')
    .orderBy('month')
    .execute();
}

export async function publicityMonths(db: Db, department: PublicityScope = null): Promise<string[]> {
  const rows = await scoped(db, department)
    .select('month as m')
    .distinct()
    .$narrowType<{ m: NotNull }>()
    .orderBy('m', 'desc')
    .execute();
  return rows.map((r) => r.m);
}

export async function departmentRanking(
  db: Db,
  month: string,
  department: PublicityScope = null,
): Promise<DepartmentMonth[]> {
  return scoped(db, department)
    .selectAll()
    .where('month', '=', month)
    .orderBy('rank')
    .orderBy('department')
    .$castTo<DepartmentMonth>()
    .execute();
}
