/**
 * 行业热力图 from sector_heatmap: section × township (events summed over the heatmap's months) or
 * section × month (summed over townships), per 100 active enterprises; and the enterprises behind a
 * cell, from the counted events of event_traces and the register (the same events the mart counts).
 */
import { sql, type NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';

export type HeatmapView = 'township' | 'month';

export interface HeatmapRow {
  sector: string | null;
  column: string | null;
  events: number;
  enterprises: number;
  rate_per_100: number | null;
}

export async function heatmapCells(db: Db, view: HeatmapView): Promise<HeatmapRow[]> {
  const q = queryDb(db);
  if (view === 'township') {
    return q
      .selectFrom('sector_heatmap')
      .select([
        'sector',
        'region_code as column',
        sql<number>`sum(events)::integer`.as('events'),
        sql<number>`max(enterprises)::integer`.as('enterprises'),
        sql<number | null>`case when max(enterprises) > 0 then sum(events) * 100.0 / max(enterprises) end::double`.as(
          'rate_per_100',
        ),
      ])
      .groupBy(['sector', 'region_code'])
      .orderBy(sql`sector nulls last`)
      .orderBy(sql`region_code nulls last`)
      .execute();
  }
  // Per month the denominator is the section's enterprises over all townships, each township counted once.
  return q
    .with('per_region', (w) =>
      w
        .selectFrom('sector_heatmap')
        .select(['sector', 'region_code', sql<number>`any_value(enterprises)`.as('enterprises')])
        .groupBy(['sector', 'region_code']),
    )
    .with('per_sector', (w) =>
      w
        .selectFrom('per_region')
        .select(['sector', sql<number>`sum(enterprises)`.as('enterprises')])
        .groupBy('sector'),
    )
    .selectFrom('sector_heatmap as h')
    .leftJoin('per_sector as s', (j) => j.on(sql<boolean>`s.sector is not distinct from h.sector`))
    .select([
      'h.sector',
      'h.month as column',
      sql<number>`sum(h.events)::integer`.as('events'),
      sql<number>`any_value(s.enterprises)::integer`.as('enterprises'),
      sql<number | null>`case when any_value(s.enterprises) > 0
        then sum(h.events) * 100.0 / any_value(s.enterprises) end::double`.as('rate_per_100'),
    ])
    .groupBy(['h.sector', 'h.month'])
    .orderBy(sql`h.sector nulls last`)
    .orderBy('h.month')
    .execute();
}

export async function heatmapMonths(db: Db): Promise<string[]> {
  const rows = await queryDb(db)
    .selectFrom('sector_heatmap')
    .select('month')
    .distinct()
    .$narrowType<{ month: NotNull }>()
    .orderBy('month')
    .execute();
  return rows.map((r) => r.month);
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
  const month = sql<string>`strftime(t.event_date, '%Y-%m')`;
  let q = queryDb(db)
    .selectFrom('event_traces as t')
    .innerJoin('entity_register as r', 'r.uscc', 't.uscc')
    .select([
      'r.uscc',
      'r.name',
      'r.region_code',
      sql<number>`count(*)::integer`.as('events'),
      sql<string>`cast(max(t.event_date) as varchar)`.as('last_event_date'),
    ])
    .where('t.is_counted', '=', true)
    .where('r.sector', '=', cell.sector)
    .where(month, 'in', months.length ? months : [null as unknown as string]);
  if (cell.region !== null) q = q.where('r.region_code', '=', cell.region);
  if (cell.month !== null) q = q.where(month, '=', cell.month);
  return q
    .groupBy(['r.uscc', 'r.name', 'r.region_code'])
    .orderBy('events', 'desc')
    .orderBy('r.uscc')
    .$castTo<CellEnterprise>()
    .execute();
}
