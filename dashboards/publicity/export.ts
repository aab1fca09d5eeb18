/** 双公示质量 as a file for people: the month's department ranking and the monthly rates, scoped like the page. */
import type { Db } from '../../lib/db.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { departmentRanking, indicatorRows, monthlyPublicity } from './query.js';

export async function publicitySheets(
  db: Db,
  params: { month: string | null; department: string | null },
): Promise<PeopleSheet[]> {
  const targets = await indicatorRows(db);
  const target = (id: string) => targets.find((i) => i.indicator_id === id)?.target ?? null;
  const [tt, ct] = [target('publicity_timeliness'), target('publicity_compliance')];
  const below = (rate: number, t: number | null) => (t !== null && rate < t ? '未达标' : '达标');
  const ranking = params.month ? await departmentRanking(db, params.month, params.department) : [];
  return [
    {
      name: `部门排名 ${params.month ?? ''}`.trim(),
      columns: [
        { title: '月份' },
        { title: '名次', kind: 'integer' },
        { title: '部门' },
        { title: '记录', kind: 'integer' },
        { title: '及时', kind: 'integer' },
        { title: '及时率', kind: 'percent' },
        { title: '及时率是否达标' },
        { title: '合规', kind: 'integer' },
        { title: '合规率', kind: 'percent' },
        { title: '合规率是否达标' },
      ],
      rows: ranking.map((r) => [
        r.month,
        r.rank,
        r.department,
        r.records,
        r.timely,
        r.timely_rate,
        below(r.timely_rate, tt),
        r.compliant,
        r.compliance_rate,
        below(r.compliance_rate, ct),
      ]),
    },
    {
      name: '逐月趋势',
      columns: [
        { title: '月份' },
        { title: '记录', kind: 'integer' },
        { title: '及时率', kind: 'percent' },
        { title: '合规率', kind: 'percent' },
      ],
      rows: (await monthlyPublicity(db, params.department)).map((m) => [
        m.month,
        m.records,
        m.timely_rate,
        m.compliance_rate,
      ]),
    },
  ];
}
