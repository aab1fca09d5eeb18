/** 总览: how many warnings, flags and projects at risk, how events trend, and what changed since the last build. */
import type { Db } from '../../lib/db.js';

export interface OverviewData {
  warnings: Array<{ level: string; status: string; n: number }>;
  flags: { repeat: number; cross: number; persistent: number };
  projects: Array<{ level: string; n: number }>;
  eventsByMonth: Array<{ month: string; events: number }>;
  changes: Array<{ kind: string; status: string; n: number }>;
}

export async function overviewData(db: Db): Promise<OverviewData> {
  return {
    warnings: await db.all(`select level, status, count(*)::integer as n from warnings group by all order by all`),
    flags: {
      repeat: await db.value<number>(`select count(distinct uscc)::integer from repeat_violators`),
      cross: await db.value<number>(`select count(*)::integer from cross_domain_violators`),
      persistent: await db.value<number>(`select count(*)::integer from persistent_violators`),
    },
    projects: await db.all(`select risk_level as level, count(*)::integer as n from key_project_risk group by all`),
    eventsByMonth: await db.all(
      `select month, sum(events)::integer as events from sector_heatmap group by month order by month`,
    ),
    changes: await db.all(
      `select kind, status, count(*)::integer as n from warnings where status <> 'ongoing' group by all order by all`,
    ),
  };
}
