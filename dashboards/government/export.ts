/** 政务诚信 as a file for people; the machine list is the `government-integrity` dataset. */
import type { Db } from '../../lib/db.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { CATEGORY_LABELS } from './page.js';
import { governmentBodies } from './query.js';

export async function governmentSheets(db: Db): Promise<PeopleSheet[]> {
  const rows = await governmentBodies(db);
  return [
    {
      name: '政务诚信',
      columns: [
        { title: '主体名称' },
        { title: '统一社会信用代码' },
        { title: '类别' },
        { title: '失信被执行案件', kind: 'integer' },
        { title: '违诺', kind: 'integer' },
        { title: '欠费账户', kind: 'integer' },
        { title: '证据' },
      ],
      rows: rows.map((r) => [
        r.name,
        r.uscc,
        CATEGORY_LABELS[r.registration_category] ?? r.registration_category,
        r.court_case_count,
        r.broken_commitment_count,
        r.arrears_account_count,
        r.evidence.join('|'),
      ]),
    },
  ];
}
