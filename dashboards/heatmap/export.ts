/** 行业热力图 as files for people: every cell of a view (not only the page's top ones), and one cell's enterprises. */
import type { Db } from '../../lib/db.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { regionName, sectorName } from '../ui/labels.js';
import type { HeatmapCell } from './index.js';
import { cellEnterprises, heatmapCells, type HeatmapView } from './query.js';

export async function heatmapSheets(db: Db, view: HeatmapView): Promise<PeopleSheet[]> {
  const cells = await heatmapCells(db, view);
  return [
    {
      name: view === 'township' ? '行业×乡镇（街道）' : '行业×月份',
      columns: [
        { title: '行业门类代码' },
        { title: '行业门类' },
        { title: view === 'township' ? '乡镇（街道）' : '月份' },
        { title: '计入的违法事件', kind: 'integer' },
        { title: '在营企业', kind: 'integer' },
        { title: '每百户事件', kind: 'decimal', decimals: 2 },
      ],
      rows: cells.map((c) => [
        c.sector,
        sectorName(c.sector),
        view === 'township' ? regionName(c.column) : c.column,
        c.events,
        c.enterprises,
        c.rate_per_100,
      ]),
    },
  ];
}

export async function cellSheets(db: Db, cell: HeatmapCell): Promise<PeopleSheet[]> {
  const rows = await cellEnterprises(db, cell);
  return [
    {
      name: [sectorName(cell.sector), cell.region ? regionName(cell.region) : null, cell.month]
        .filter(Boolean)
        .join(' '),
      columns: [
        { title: '企业' },
        { title: '统一社会信用代码' },
        { title: '乡镇（街道）' },
        { title: '计入的违法事件', kind: 'integer' },
        { title: '最近一次', kind: 'date' },
      ],
      rows: rows.map((r) => [r.name, r.uscc, regionName(r.region_code), r.events, r.last_event_date]),
    },
  ];
}
