/** 红黑榜 as a file for people; the machine lists are the `red-list` and `black-list` datasets. */
import type { Db } from '../../lib/db.js';
import { CHANGE_LABEL, LIST_LABEL, reasonsText } from '../../lib/lists/labels.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { blackEntries, listChanges, redEntries } from './query.js';

export async function listsSheets(db: Db): Promise<PeopleSheet[]> {
  const red = await redEntries(db);
  const black = await blackEntries(db);
  const changes = await listChanges(db);
  return [
    {
      name: '红名单',
      columns: [
        { title: '主体名称' },
        { title: '统一社会信用代码' },
        { title: '信用评分', kind: 'integer' },
        { title: '纳税信用A级年度', kind: 'integer' },
      ],
      rows: red.map((r) => [r.name, r.uscc, r.score, r.tax_year]),
    },
    {
      name: '黑名单',
      columns: [
        { title: '主体名称' },
        { title: '统一社会信用代码' },
        { title: '列入事由' },
        { title: '严重失信名单记录' },
      ],
      rows: black.map((r) => [
        r.name,
        r.uscc,
        reasonsText('black', 'stayed', r.reasons, 'zh'),
        r.serious_entries.join('|'),
      ]),
    },
    {
      name: '列入与移出',
      columns: [
        { title: '月份' },
        { title: '榜单' },
        { title: '主体名称' },
        { title: '统一社会信用代码' },
        { title: '变动' },
        { title: '原因' },
      ],
      rows: changes.map((r) => [
        r.month,
        LIST_LABEL[r.list].zh,
        r.name,
        r.uscc,
        CHANGE_LABEL[r.change].zh,
        reasonsText(r.list, r.change, r.reasons, 'zh'),
      ]),
    },
  ];
}
