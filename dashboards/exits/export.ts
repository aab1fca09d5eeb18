/**
 * 移出与修复 as a file for people: the page's filtered worklist with Chinese titles and labels, dates as Excel
 * dates, each item's live mark beside the build's status. The machine list is the `exits` dataset.
 */
import type { Db } from '../../lib/db.js';
import type { ExitMark } from '../../lib/exits/store.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { KIND_LABELS, STATUS_LABELS } from './page.js';
import { exitItems, type ExitFilter } from './query.js';

export async function exitsSheets(
  db: Db,
  filter: ExitFilter,
  marks: ReadonlyMap<string, ExitMark>,
): Promise<PeopleSheet[]> {
  const rows = await exitItems(db, filter);
  return [
    {
      name: '移出与修复',
      columns: [
        { title: '状态' },
        { title: '类型' },
        { title: '责任部门' },
        { title: '主体名称' },
        { title: '统一社会信用代码' },
        { title: '记录' },
        { title: '起算日', kind: 'date' },
        { title: '应移出日期', kind: 'date' },
        { title: '完成日期', kind: 'date' },
        { title: '标记移出日期', kind: 'date' },
        { title: '标记备注' },
      ],
      rows: rows.map((r) => {
        const mark = marks.get(r.item_id);
        return [
          STATUS_LABELS[r.status] ?? r.status,
          KIND_LABELS[r.kind] ?? r.kind,
          r.department,
          r.name,
          r.uscc,
          r.record_id,
          r.trigger_date,
          r.due_date,
          r.completed_date,
          mark?.done_date ?? null,
          mark?.note ?? null,
        ];
      }),
    },
  ];
}
