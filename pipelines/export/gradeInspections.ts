/**
 * The 双随机 list a department loads into its inspection system (docs/rules.md "Credit grades"): every
 * entity in its scope with its credit grade, score, the inspection ratio of that grade and the factors in
 * words, and per grade how many entities that ratio asks to inspect. Read from the published build's
 * `credit_grade_inspections`; written for people by peopleTable.ts (the 信用办's page button and
 * `sentinel export credit-grades --inspections --department 名称` give the same file).
 */
import type { Db } from '../../lib/db.js';
import type { PeopleSheet } from './peopleTable.js';

export interface GradeFactor {
  factor: string;
  points: number;
  evidence: string[];
}

export interface InspectionRow {
  department: string;
  uscc: string;
  name: string | null;
  grade: string;
  score: number;
  inspection_ratio: number;
  factors: GradeFactor[];
}

/** The factors' names as the office says them (the page shows the same). */
export const FACTOR_LABELS: Readonly<Record<string, string>> = {
  serious_list: '严重失信主体名单',
  court_dishonest: '失信被执行人',
  attention_list: '重点关注名单',
  business_anomaly: '经营异常名录',
  penalty_minor: '轻微行政处罚',
  penalty_general: '一般行政处罚',
  penalty_serious: '严重行政处罚',
  broken_commitment: '违背信用承诺',
  kept_commitment: '履行信用承诺',
  utility_arrears: '水电气欠费',
  tax_grade_a: '纳税信用A级',
  tax_grade_b: '纳税信用B级',
  tax_grade_m: '纳税信用M级',
  tax_grade_c: '纳税信用C级',
  tax_grade_d: '纳税信用D级',
  public_rating_excellent: '公共信用综合评价：优',
  public_rating_good: '公共信用综合评价：良',
  public_rating_medium: '公共信用综合评价：中',
  public_rating_poor: '公共信用综合评价：差',
};

export const factorLabel = (code: string): string => FACTOR_LABELS[code] ?? code;

/** 一般行政处罚 3 项 −24；纳税信用A级 +5: the factors in one cell, largest deduction first. */
export function factorsSummary(factors: readonly GradeFactor[]): string {
  return [...factors]
    .sort((a, b) => a.points - b.points || (a.factor < b.factor ? -1 : 1))
    .map((f) => {
      const items = f.evidence.length > 1 ? ` ${f.evidence.length} 项` : '';
      const points = f.points > 0 ? `+${f.points}` : f.points < 0 ? `−${-f.points}` : '0';
      return `${factorLabel(f.factor)}${items} ${points}`;
    })
    .join('；');
}

/** The rows of one department (null: every department), by department, grade (D first), then USCC. */
export async function inspectionRows(db: Db, department: string | null): Promise<InspectionRow[]> {
  return db.all<InspectionRow>(
    `select department, uscc, name, grade, score, inspection_ratio, factors
     from credit_grade_inspections
     where ?::varchar is null or department = ?::varchar
     order by department, grade desc, uscc`,
    [department, department],
  );
}

export function inspectionSheets(rows: readonly InspectionRow[]): PeopleSheet[] {
  const byGrade = new Map<string, { department: string; grade: string; entities: number; ratio: number }>();
  for (const r of rows) {
    const key = `${r.department}\u0000${r.grade}`;
    const g = byGrade.get(key) ?? { department: r.department, grade: r.grade, entities: 0, ratio: r.inspection_ratio };
    g.entities += 1;
    byGrade.set(key, g);
  }
  return [
    {
      name: '双随机抽查名单',
      columns: [
        { title: '部门' },
        { title: '统一社会信用代码' },
        { title: '企业名称' },
        { title: '信用等级' },
        { title: '评分', kind: 'integer' },
        { title: '抽查比例', kind: 'percent', decimals: 0 },
        { title: '评价因素' },
      ],
      rows: rows.map((r) => [
        r.department,
        r.uscc,
        r.name,
        r.grade,
        r.score,
        r.inspection_ratio,
        factorsSummary(r.factors),
      ]),
    },
    {
      // How many of each grade the ratio asks to draw (rounded up: a grade with entities is never skipped).
      name: '按等级抽查户数',
      columns: [
        { title: '部门' },
        { title: '信用等级' },
        { title: '主体数', kind: 'integer' },
        { title: '抽查比例', kind: 'percent', decimals: 0 },
        { title: '应抽查户数', kind: 'integer' },
      ],
      rows: [...byGrade.values()].map((g) => [
        g.department,
        g.grade,
        g.entities,
        g.ratio,
        // Less a hair: 30 × 0.1 is 3.0000000000000004 in floating point, not a reason to draw a fourth.
        Math.ceil(g.entities * g.ratio - 1e-9),
      ]),
    },
  ];
}
