/** What the leader brief shows, read from a published build: indicators, top risks and warning counts. */
import type { Db } from '../../lib/db.js';

export interface IndicatorRow {
  indicator_id: string;
  value: number | null;
  target: number;
  comparator: string;
  met: boolean;
}

export interface TopRisk {
  uscc: string;
  name: string | null;
  kind: string;
  event_count: number;
  last_event_date: string;
}

export interface BriefData {
  indicators: IndicatorRow[];
  topRisks: TopRisk[];
  warningsByLevel: Record<string, number>;
  redProjects: number;
}

export const INDICATOR_LABELS: Record<string, string> = {
  publicity_timeliness: '双公示上报及时率',
  publicity_compliance: '双公示数据合规率',
  uscc_error_rate: '统一社会信用代码重错码率',
  water_records_ratio: '水费记录数/企业数',
  electricity_records_ratio: '电费记录数/企业数',
  tax_records_ratio: '纳税记录数/企业数',
  gas_records_ratio: '燃气费记录数/企业数',
  commitment_records_ratio: '信用承诺履约记录数/主体数',
  excellent_rating_share: '综合评价为优的主体占比',
  medium_or_below_share: '综合评价为中及以下的主体占比',
  good_or_above_share: '综合评价为良及以上的主体占比',
  a_grade_taxpayer_share: 'A级纳税人占比',
  serious_dishonest_share: '严重失信主体占比',
};

export async function readBriefData(db: Db, top = 5): Promise<BriefData> {
  const indicators = await db.all<IndicatorRow>('select indicator_id, value, target, comparator, met from indicators order by indicator_id');
  // Persistent violators first (red), then cross-domain, then repeat; more events first within a kind.
  const topRisks = await db.all<TopRisk>(
    `with ranked as (
       select p.uscc, p.name, '屡禁不止' as kind, 1 as k, p.events_after_report as event_count, p.report_date::varchar as last_event_date
       from persistent_violators p
       union all
       select uscc, name, '多领域多次违法', 2, event_count, last_event_date::varchar from cross_domain_violators
       union all
       select uscc, name, '同一领域频繁违法', 3, event_count, last_event_date::varchar from repeat_violators
     )
     select uscc, name, kind, event_count, last_event_date from ranked
     qualify row_number() over (partition by uscc order by k) = 1
     order by k, event_count desc, uscc
     limit ?`,
    [top],
  );
  const levels = await db.all<{ level: string; n: number }>(
    `select level, count(*)::integer as n from warnings where status <> 'resolved' group by level`,
  );
  const redProjects = await db.value<number>(`select count(*)::integer from key_project_risk where risk_level = 'red'`);
  return { indicators, topRisks, warningsByLevel: Object.fromEntries(levels.map((l) => [l.level, l.n])), redProjects };
}

export function formatIndicator(id: string, v: number | null): string {
  if (v === null) return '—';
  return id.endsWith('_ratio') ? v.toFixed(2) : `${(v * 100).toFixed(id === 'uscc_error_rate' ? 3 : 1)}%`;
}
