/** 信用监测指标's monthly trend: every indicator as of each month-end (models/marts/indicator_trend.sql). */
import type { Db } from '../../lib/db.js';

export interface IndicatorTrendRow {
  indicator_id: string;
  month: string;
  value: number | null;
  met: boolean;
}

export async function indicatorTrend(db: Db): Promise<IndicatorTrendRow[]> {
  // A build published before the mart existed has no trend; the page then says so instead of failing.
  const present = await db.value<number>(
    `select count(*) from information_schema.tables where table_name = 'indicator_trend'`,
  );
  if (!present) return [];
  return db.all(`select indicator_id, month, value, met from indicator_trend order by indicator_id, month`);
}
