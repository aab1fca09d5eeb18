/** 重点项目 as files for people: the board (no enterprise in it, so leaders may have it too) and one project. */
import type { Db } from '../../lib/db.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { evidenceText } from '../../pipelines/export/sourceTitles.js';
import { levelLabel, SIGNAL_KINDS } from '../ui/labels.js';
import { projectBoard, projectDetail, type ProjectRow } from './query.js';

const boardSheet = (rows: ProjectRow[]): PeopleSheet => ({
  name: '重点项目',
  columns: [
    { title: '风险级别' },
    { title: '项目编号' },
    { title: '项目名称' },
    { title: '项目类型' },
    { title: '项目状态' },
    { title: '风险信号数', kind: 'integer' },
  ],
  rows: rows.map((p) => [
    levelLabel(p.risk_level),
    p.project_id,
    p.project_name,
    p.project_type,
    p.project_status,
    p.signal_count,
  ]),
});

export async function projectsSheets(db: Db): Promise<PeopleSheet[]> {
  return [boardSheet(await projectBoard(db))];
}

/** One project: its row of the board, its signals with evidence, and its parties with the file row of each. */
export async function projectSheets(db: Db, id: string): Promise<PeopleSheet[] | null> {
  const d = await projectDetail(db, id);
  if (!d.project) return null;
  return [
    boardSheet([d.project]),
    {
      name: '信号与证据',
      columns: [
        { title: '级别' },
        { title: '信号' },
        { title: '参与方' },
        { title: '统一社会信用代码' },
        { title: '角色' },
        { title: '证据' },
      ],
      rows: d.signals.map((s) => [
        levelLabel(s.level),
        SIGNAL_KINDS[s.kind] ?? s.kind,
        s.party_name,
        s.uscc,
        s.role,
        s.evidence.map(evidenceText).join('；'),
      ]),
    },
    {
      name: '参与方',
      columns: [
        { title: '名称' },
        { title: '统一社会信用代码' },
        { title: '角色' },
        { title: '来源文件' },
        { title: '行号', kind: 'integer' },
      ],
      rows: d.parties.map((p) => [p.party_name, p.uscc, p.role, p.file, p.row_number]),
    },
  ];
}
