/**
 * 信用分级: the grade distribution by section and township (credit_grade_distribution), the grades of one
 * cell's entities (credit_grades with the register), and one entity's grade for its profile.
 */
import type { Db } from '../../lib/db.js';
import type { GradeFactor } from '../../pipelines/export/gradeInspections.js';

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export interface GradeCell {
  sector: string | null;
  region_code: string | null;
  grade: Grade;
  entities: number;
}

export async function gradeDistribution(db: Db): Promise<GradeCell[]> {
  return db.all<GradeCell>(
    `select sector, region_code, grade, entities from credit_grade_distribution
     order by sector nulls last, region_code nulls last, grade`,
  );
}

export interface EntityGrade {
  uscc: string;
  name: string | null;
  grade: Grade;
  score: number;
  factors: GradeFactor[];
}

/** The entities of one (section, township) at the given grades, worst first. */
export async function cellGrades(
  db: Db,
  cell: { sector: string; region: string | null },
  grades: readonly Grade[],
): Promise<EntityGrade[]> {
  return db.all<EntityGrade>(
    `select g.uscc, g.name, g.grade, g.score, g.factors
     from credit_grades as g
     join entity_register as r using (uscc)
     where r.sector = ? and (?::varchar is null or r.region_code = ?::varchar) and list_contains(?::varchar[], g.grade)
     order by g.score, g.uscc`,
    [cell.sector, cell.region, cell.region, [...grades]],
  );
}

/** One entity's grade, or null when it is not an active register entity (not graded). */
export async function entityGrade(db: Db, uscc: string): Promise<EntityGrade | null> {
  const exists = await db.value<number>(
    `select count(*) from information_schema.tables where table_name = 'credit_grades'`,
  );
  if (!exists) return null;
  return (
    (await db.one<EntityGrade>(`select uscc, name, grade, score, factors from credit_grades where uscc = ?`, [uscc])) ??
    null
  );
}

/** The departments with entities in their 双随机 scope, for the export's choice. */
export async function inspectionDepartments(db: Db): Promise<string[]> {
  const rows = await db.all<{ department: string }>(
    `select distinct department from credit_grade_inspections order by department`,
  );
  return rows.map((r) => r.department);
}

/** The 双随机 ratio per grade of the scorecard in force at the build's as-of. */
export async function inspectionRatios(db: Db): Promise<Record<string, number>> {
  const row = await db.one<{ inspection_ratio: Record<string, number> }>(
    `select inspection_ratio from int_grade_scorecard`,
  );
  return row?.inspection_ratio ?? {};
}
