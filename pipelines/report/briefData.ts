/** What the leader brief shows, read from a published build: indicators, top risks and warning counts. */
import { sql, type NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';
import type { IndicatorsRow } from '../../lib/kysely/martTypes.js';
import type { Present } from '../../lib/kysely/present.js';
import { indicatorUnit } from '../../lib/indicatorUnits.js';

/** Every configured indicator has its target, comparator and verdict (models/marts/indicators.sql). */
export type IndicatorRow = Present<IndicatorsRow, 'target' | 'comparator' | 'met'>;

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
  /** The red key projects by name (with their id: two projects may share a name). */
  redProjectList: Array<{ project_id: string; project_name: string | null; signal_count: number | null }>;
  /** Each indicator's value at the end of each month of the trend (indicator_trend: the last 12 months). */
  trend: Map<string, Map<string, number | null>>;
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

export async function readBriefData(db: Db, indicatorOrder: readonly string[], top = 5): Promise<BriefData> {
  const k = queryDb(db);
  const rows = await k
    .selectFrom('indicators')
    .select(['indicator_id', 'value', 'target', 'comparator', 'met'])
    .$narrowType<{ target: NotNull; comparator: NotNull; met: NotNull }>()
    .execute();
  // The configured order (rules.md §8) groups related indicators, which alphabetical order would scatter.
  const indicators = [...rows].sort(
    (a, b) => indicatorOrder.indexOf(a.indicator_id) - indicatorOrder.indexOf(b.indicator_id),
  );
  // Persistent violators first (red), then cross-domain, then repeat; more counted events first.
  // Kysely has no words for this ranking's CTEs over a union; it stays SQL, its one value bound.
  const { rows: topRisks } = await sql<TopRisk>`with flags as (
       select uscc, name, 2 as k, event_count, last_event_date from cross_domain_violators
       union all
       select uscc, name, 3, event_count, last_event_date from repeat_violators
     ),
     entities as (
       select
         flags.uscc,
         any_value(flags.name) as name,
         case when p.uscc is not null then 1 else min(flags.k) end as k,
         max(flags.event_count)::integer as event_count,
         max(flags.last_event_date)::varchar as last_event_date,
         any_value(p.report_date)::varchar as report_date,
         any_value(p.events_after_report) as events_after_report
       from flags
       left join persistent_violators as p using (uscc)
       group by flags.uscc, p.uscc
     )
     select
       uscc,
       name,
       case k
         when 1 then '屡禁不止（' || report_date || '通报后' || events_after_report || '起）'
         when 2 then '多领域多次违法'
         else '同一领域频繁违法'
       end as kind,
       event_count,
       last_event_date
     from entities
     order by k, event_count desc, uscc
     limit ${top}`.execute(k);
  const n = sql<number>`count(*)::integer`.as('n');
  const levels = await k
    .selectFrom('warnings')
    .select(['level', n])
    .where('status', '<>', 'resolved')
    .groupBy('level')
    .$narrowType<{ level: NotNull }>()
    .execute();
  const { n: redProjects } = await k
    .selectFrom('key_project_risk')
    .select(n)
    .where('risk_level', '=', 'red')
    .executeTakeFirstOrThrow();
  const redProjectList = await k
    .selectFrom('key_project_risk')
    .select(['project_id', 'project_name', 'signal_count'])
    .where('risk_level', '=', 'red')
    .orderBy('signal_count', 'desc')
    .orderBy('project_id')
    .execute();
  const trend = new Map<string, Map<string, number | null>>();
  for (const r of await k.selectFrom('indicator_trend').select(['indicator_id', 'month', 'value']).execute()) {
    const m = trend.get(r.indicator_id) ?? new Map<string, number | null>();
    m.set(r.month, r.value);
    trend.set(r.indicator_id, m);
  }
  return {
    indicators,
    topRisks,
    warningsByLevel: Object.fromEntries(levels.map((l) => [l.level, l.n])),
    redProjects,
    redProjectList,
    trend,
  };
}

/** The month `n` months before `YYYY-MM`. */
export function monthsBefore(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 - n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * A change between two values in the indicator's unit (lib/indicatorUnits.ts): ‱ for the wrong-code rate,
 * percentage points for the other rates, plain for ratios.
 */
export function formatChange(id: string, now: number | null, before: number | null | undefined): string {
  if (now === null || before === null || before === undefined) return '—';
  const d = now - before;
  const sign = (x: string) => (d >= 0 ? `+${x}` : x);
  const unit = indicatorUnit(id);
  if (unit === 'ratio') return sign(d.toFixed(3));
  if (unit === 'permyriad') return sign(`${(d * 10000).toFixed(1)}‱`);
  return sign(`${(d * 100).toFixed(1)}个百分点`);
}
