/**
 * 违法主体 as a file for people: the current filter's whole list (no paging) in the page's order, with
 * Chinese titles and labels (市场监管, 批发和零售业, 东孚街道). The machine list with the interfaces.md names
 * and codes is the API's dataset (/api/v1/datasets/repeat-violators).
 */
import type { Db } from '../../lib/db.js';
import type { PeopleColumn, PeopleSheet, PeopleValue } from '../../pipelines/export/peopleTable.js';
import { regionName, sectorName } from '../ui/labels.js';
import { COLUMN_LABELS, KIND_LABELS } from './page.js';
import { domainLabels, KINDS, violators, type ViolatorFilter } from './query.js';

const DATES = new Set(['first_event_date', 'last_event_date', 'report_date']);
const COUNTS = new Set(['event_count', 'domain_count', 'events_after_report']);

export async function violatorsSheets(db: Db, filter: ViolatorFilter): Promise<PeopleSheet[]> {
  const labels = await domainLabels(db);
  const domain = (d: string) => labels.get(d) ?? d;
  const { rows } = await violators(db, filter, null);
  const cols = ['name', 'uscc', ...KINDS[filter.kind].columns.filter((c) => c !== 'name' && c !== 'uscc')];
  const all = [...cols, 'sector', 'region_code'];
  const column = (c: string): PeopleColumn => ({
    title: c === 'sector' ? '行业门类' : (COLUMN_LABELS[c] ?? c),
    kind: DATES.has(c) ? 'date' : COUNTS.has(c) ? 'integer' : 'text',
  });
  const value = (c: string, v: unknown): PeopleValue => {
    if (v === null || v === undefined) return null;
    if (c === 'domain') return domain(String(v));
    if (c === 'domains') return (v as string[]).map(domain).join('、');
    if (c === 'sector') return sectorName(String(v));
    if (c === 'region_code') return regionName(String(v));
    return typeof v === 'number' ? v : String(v);
  };
  return [
    {
      name: KIND_LABELS[filter.kind],
      columns: all.map(column),
      rows: rows.map((r) => all.map((c) => value(c, r[c]))),
    },
  ];
}
