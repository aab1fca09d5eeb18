/** 信用监测指标's monthly trend: every indicator as of each month-end (models/marts/indicator_trend.sql). */
import type { NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';
import type { IndicatorTrendRow as TrendMartRow } from '../../lib/kysely/martTypes.js';

// `met` is false, never null, when the value is null (the mart's description); the YAML has no not_null test on it yet.
export type IndicatorTrendRow = Pick<TrendMartRow, 'indicator_id' | 'month' | 'value'> & { met: boolean };

export async function indicatorTrend(db: Db): Promise<IndicatorTrendRow[]> {
  // A build published before the mart existed has no trend; the page then says so instead of failing.
  const present = await db.value<number>(
    `select count(*) from information_schema.tables where table_name = 'indicator_trend'`,
  );
  if (!present) return [];
  return queryDb(db)
    .selectFrom('indicator_trend')
    .select(['indicator_id', 'month', 'value', 'met'])
    .$narrowType<{ met: NotNull }>()
    .orderBy('indicator_id')
    .orderBy('month')
    .execute();
}
