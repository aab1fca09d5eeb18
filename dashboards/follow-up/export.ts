/**
 * 跟踪督办 as files for people (issue 18 item 9), like every other page export
 * (pipelines/export/peopleTable.ts): Chinese titles, the words the page shows instead of codes (待办理,
 * 牵头处置 …), dates as Excel dates, the recording time in Shanghai time. The CLI's `report follow-up`
 * keeps the machine columns.
 */
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import type { Assignment, Completion } from '../../lib/followUp/store.js';
import { DONE_LATE, FOLLOW_UP_STATUS, ROLE_IN_REPORT } from './labels.js';

/** 逾期办结 is a kind of done the page tells apart; the file says the same. */
const statusWord = (a: Assignment): string => (a.late ? DONE_LATE : FOLLOW_UP_STATUS[a.status]);

export function assignmentsSheet(department: string, rows: readonly Assignment[]): PeopleSheet {
  return {
    name: department,
    columns: [
      { title: '办理状态' },
      { title: '通报文号' },
      { title: '通报月份' },
      { title: '通报日期', kind: 'date' },
      { title: '统一社会信用代码' },
      { title: '主体名称' },
      { title: '责任部门' },
      { title: '职责' },
      { title: '要求措施' },
      { title: '办结期限', kind: 'date' },
      { title: '已采取措施' },
      { title: '办理日期', kind: 'date' },
      { title: '办理情况说明' },
      { title: '登记人' },
      { title: '登记时间', kind: 'datetime' },
      { title: '佐证材料' },
    ],
    rows: rows.map((a) => [
      statusWord(a),
      a.report_no,
      a.period,
      a.report_date,
      a.uscc,
      a.name,
      a.department,
      ROLE_IN_REPORT[a.role] ?? a.role,
      a.measure,
      a.due_date,
      a.action?.measure ?? null,
      a.action?.action_date ?? null,
      a.action?.note ?? null,
      a.action?.recorded_by ?? null,
      a.action?.recorded_at ?? null,
      a.action?.attachment?.name ?? null,
    ]),
  };
}

/** The page's completion table, in the order given (the caller's 编制序列 or the page's own). */
export function completionSheet(rows: readonly Completion[]): PeopleSheet {
  return {
    name: '各部门办结情况',
    columns: [
      { title: '部门' },
      { title: '交办', kind: 'integer' },
      { title: '已办结', kind: 'integer' },
      { title: '其中逾期办结', kind: 'integer' },
      { title: '待办理', kind: 'integer' },
      { title: '已逾期', kind: 'integer' },
      { title: '办结率', kind: 'percent' },
    ],
    rows: rows.map((c) => [c.department, c.assigned, c.done, c.done_late, c.pending, c.overdue, c.completion_rate]),
  };
}
