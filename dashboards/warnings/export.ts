/** 预警 as a file for people: the page's filtered list, every row, labels instead of codes. */
import type { Db } from '../../lib/db.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { evidenceText, sourceTitle } from '../../pipelines/export/sourceTitles.js';
import { levelLabel, WARNING_KINDS, WARNING_STATUS } from '../ui/labels.js';
import { judgedMonth, MONTHLY_WARNINGS } from '../ui/months.js';
import { warningList, type WarningFilter, type WarningRow } from './query.js';

/** What a warning refers to: the judged month of a department warning, else the build's as-of. */
export function warningPeriod(kind: string, asOf: string): string {
  return MONTHLY_WARNINGS.has(kind) ? judgedMonth(asOf) : `截至 ${asOf}`;
}

const subjectName = (w: WarningRow) =>
  w.kind === 'source_stale' ? sourceTitle(w.subject_id) : (w.subject_name ?? w.subject_id);

export async function warningsSheets(
  db: Db,
  params: { filter: WarningFilter; department: string | null; asOf: string },
): Promise<PeopleSheet[]> {
  const { rows } = await warningList(db, params.filter, null, params.department);
  return [
    {
      name: '预警',
      columns: [
        { title: '级别' },
        { title: '类型' },
        { title: '对象' },
        { title: '对象标识' },
        { title: '状态' },
        { title: '所指期间' },
        { title: '首次发现', kind: 'date' },
        { title: '证据条数', kind: 'integer' },
        { title: '证据' },
      ],
      rows: rows.map((w) => [
        levelLabel(w.level),
        WARNING_KINDS[w.kind] ?? w.kind,
        subjectName(w),
        w.subject_id,
        WARNING_STATUS[w.status] ?? w.status,
        warningPeriod(w.kind, params.asOf),
        w.first_seen,
        w.evidence.length,
        w.evidence.map(evidenceText).join('；'),
      ]),
    },
  ];
}
