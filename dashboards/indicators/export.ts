/**
 * 信用监测指标 as a file for people: the scorecard, and every indicator's monthly values. Each value is written
 * in its indicator's one unit (lib/indicatorUnits.ts), beside the fraction itself for those who compute with it.
 */
import type { Db } from '../../lib/db.js';
import { formatIndicator } from '../../lib/indicatorUnits.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { indicatorRows } from '../publicity/query.js';
import { INDICATORS } from '../ui/labels.js';
import { indicatorTrend } from './query.js';

const COMPARATORS: Record<string, string> = { '>=': '≥', '>': '>', '<': '<', '<=': '≤' };

export async function indicatorsSheets(db: Db): Promise<PeopleSheet[]> {
  const rows = await indicatorRows(db);
  const trend = await indicatorTrend(db);
  const label = (id: string) => INDICATORS[id] ?? id;
  const order = Object.keys(INDICATORS);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const met = (m: boolean) => (m ? '达标' : '未达标');
  return [
    {
      name: '指标',
      columns: [
        { title: '指标' },
        { title: '当前值' },
        { title: '目标' },
        { title: '结果' },
        { title: '指标代码' },
        { title: '数值（小数）', kind: 'decimal', decimals: 6 },
      ],
      rows: [...rows]
        .sort((a, b) => rank(a.indicator_id) - rank(b.indicator_id))
        .map((r) => [
          label(r.indicator_id),
          formatIndicator(r.indicator_id, r.value),
          `${COMPARATORS[r.comparator] ?? r.comparator} ${formatIndicator(r.indicator_id, r.target)}`,
          met(r.met),
          r.indicator_id,
          r.value,
        ]),
    },
    {
      name: '逐月趋势',
      columns: [
        { title: '指标' },
        { title: '月份' },
        { title: '数值' },
        { title: '结果' },
        { title: '数值（小数）', kind: 'decimal', decimals: 6 },
      ],
      rows: [...trend]
        .sort((a, b) => rank(a.indicator_id) - rank(b.indicator_id) || (a.month < b.month ? -1 : 1))
        .map((t) => [label(t.indicator_id), t.month, formatIndicator(t.indicator_id, t.value), met(t.met), t.value]),
    },
  ];
}
