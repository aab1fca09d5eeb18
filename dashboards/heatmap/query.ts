/**
 * 行业热力图 from sector_heatmap: section × township (events summed over the heatmap's months) or
 * section × month (summed over townships), per 100 active enterprises; and the enterprises behind a
 * cell, from the counted events of event_traces and the register (the same events the mart counts).
 */
import type { Db } from '../../lib/db.js';

export type HeatmapView = 'township' | 'month';

export interface HeatmapRow {
  sector: string | null;
  column: string | null;
  events: number;
  enterprises: number;
  rate_per_100: number | null;
}

export async function heatmapCells(db: Db, view: HeatmapView): Promise<HeatmapRow[]> {
  if (view === 'township') {
    return db.all(
      `select sector, region_code as "column", sum(events)::integer as events, max(enterprises)::integer as enterprises,
         case when max(enterprises) > 0 then sum(events) * 100.0 / max(enterprises) end::double as rate_per_100
       from sector_heatmap group by sector, region_code order by sector nulls last, region_code nulls last`,
    );
  }
  return db.all(
    `with per_region as (select sector, region_code, any_value(enterprises) as enterprises from sector_heatmap group by all),
       per_sector as (select sector, sum(enterprises) as enterprises from per_region group by sector)
     select h.sector, h.month as "column", sum(h.events)::integer as events, any_value(s.enterprises)::integer as enterprises,
       case when any_value(s.enterprises) > 0 then sum(h.events) * 100.0 / any_value(s.enterprises) end::double as rate_per_100
     from sector_heatmap as h left join per_sector as s on s.sector is not distinct from h.sector
     group by h.sector, h.month order by h.sector nulls last, h.month`,
  );
}

export async function heatmapMonths(db: Db): Promise<string[]> {
  return (await db.all<{ month: string }>(`select distinct month from sector_heatmap order by month`)).map(
    (r) => r.month,
  );
}

export interface CellEnterprise {
  uscc: string;
  name: string;
  region_code: string | null;
  events: number;
  last_event_date: string;
}

/** The enterprises behind one cell; `region` or `month` null means the whole row of that view. */
export async function cellEnterprises(
  db: Db,
  cell: { sector: string; region: string | null; month: string | null },
): Promise<CellEnterprise[]> {
  const months = await heatmapMonths(db);
  return db.all(
    `select r.uscc, r.name, r.region_code, count(*)::integer as events, cast(max(t.event_date) as varchar) as last_event_date
     from event_traces as t join entity_register as r on r.uscc = t.uscc
     where t.is_counted and r.sector = ?
       and (?::varchar is null or r.region_code = ?)
       and strftime(t.event_date, '%Y-%m') in (select unnest(?::varchar[]))
       and (?::varchar is null or strftime(t.event_date, '%Y-%m') = ?)
     group by all order by events desc, r.uscc`,
    [cell.sector, cell.region, cell.region, months, cell.month, cell.month],
  );
}
