import type { SectorHeatmapRow } from '../../lib/kysely/martTypes.js';
import type { Present } from '../../lib/kysely/present.js';
import { monthMinus } from '../world/utilities.js';
import type { CountedEvent } from './events.js';
import type { Identity } from './identity.js';

/**
 * A row of the sector_heatmap mart (lib/kysely/martTypes.ts): the answer key knows every entity's sector and region.
 */
export type HeatmapRow = Present<SectorHeatmapRow, 'sector' | 'region_code' | 'month' | 'events' | 'enterprises'>;

/**
 * rules.md §8a: counted events of register entities by (section, region, month) for the 12 months
 * ending with the as-of month, over the active entities of that section and region.
 */
export function sectorHeatmap(events: readonly CountedEvent[], id: Identity, asOf: string, months = 12): HeatmapRow[] {
  const monthList = Array.from({ length: months }, (_, i) => monthMinus(asOf.slice(0, 7), months - 1 - i));
  const inRange = new Set(monthList);
  const cellOf = (u: string): { sector: string; region: string } | null => {
    const row = id.registerByUscc.get(u);
    return row ? { sector: row.entity.industryCode.slice(0, 1), region: row.entity.region } : null;
  };
  const enterprises = new Map<string, number>();
  for (const [u, row] of id.registerByUscc) {
    if (row.entity.status !== '存续' && row.entity.status !== '在业') continue;
    const c = cellOf(u) as { sector: string; region: string };
    const k = `${c.sector}|${c.region}`;
    enterprises.set(k, (enterprises.get(k) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const e of events) {
    const month = e.date.slice(0, 7);
    const c = cellOf(e.uscc);
    if (!c || !inRange.has(month)) continue;
    const k = `${c.sector}|${c.region}|${month}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const cells = new Set(counts.keys());
  for (const k of enterprises.keys()) for (const m of monthList) cells.add(`${k}|${m}`);
  return [...cells].map((k) => {
    const [sector, region, month] = k.split('|') as [string, string, string];
    const n = enterprises.get(`${sector}|${region}`) ?? 0;
    const ev = counts.get(k) ?? 0;
    return {
      sector,
      region_code: region,
      month,
      events: ev,
      enterprises: n,
      rate_per_100: n === 0 ? null : (ev * 100) / n,
    };
  });
}
