/** 双公示质量 and 信用监测指标: the scorecard, department ranking of a month, and monthly rates against targets. */
import type { Db } from '../../lib/db.js';

export interface IndicatorRow {
  indicator_id: string;
  value: number | null;
  target: number;
  comparator: string;
  met: boolean;
}

export interface MonthlyRate {
  month: string;
  records: number;
  timely_rate: number | null;
  compliance_rate: number | null;
}

export interface DepartmentMonth {
  department: string;
  month: string;
  records: number;
  timely: number;
  timely_rate: number;
  compliant: number;
  compliance_rate: number;
  rank: number;
}

export async function indicatorRows(db: Db): Promise<IndicatorRow[]> {
  return db.all(`select indicator_id, value, target, comparator, met from indicators order by indicator_id`);
}

export async function monthlyPublicity(db: Db): Promise<MonthlyRate[]> {
  return db.all(
    `select month, sum(records)::integer as records, sum(timely) / nullif(sum(records), 0) as timely_rate,
       sum(compliant) / nullif(sum(records), 0) as compliance_rate
     from publicity_quality group by month order by month`,
  );
}

export async function publicityMonths(db: Db): Promise<string[]> {
  return (await db.all<{ m: string }>(`select distinct month as m from publicity_quality order by m desc`)).map(
    (r) => r.m,
  );
}

export async function departmentRanking(db: Db, month: string): Promise<DepartmentMonth[]> {
  return db.all(`select * from publicity_quality where month = ? order by rank, department`, [month]);
}
