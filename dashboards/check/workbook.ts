/**
 * The answer of a check as a workbook the clerk files: the uploaded (or pasted) list as it was, with the
 * results appended to each row, and a sheet saying what was checked, when, against which build.
 */
import ExcelJS from 'exceljs';
import { shanghaiTime } from '../ui/format.js';
import type { CheckResult } from './query.js';
import { kindLabel, matchLabel, SUGGESTION_WHY, verdictLabel } from './labels.js';

export const RESULT_HEADERS = [
  '核查结论',
  '匹配方式',
  '核查主体统一社会信用代码',
  '核查主体名称',
  '名单',
  '失信标记',
  '公示中的行政处罚（条）',
  '应采取的措施',
  '说明',
] as const;

function note(r: CheckResult): string {
  if (r.error) return r.error;
  if (r.candidates)
    return `多个主体使用该名称，请按统一社会信用代码核查：${r.candidates.map((c) => `${c.name ?? ''}（${c.uscc}）`).join('；')}`;
  if (r.suggestions?.length)
    return `相近名称：${r.suggestions.map((s) => `${s.name ?? ''}（${s.uscc}，${SUGGESTION_WHY[s.why] ?? s.why}，相似度 ${s.similarity}）`).join('；')}`;
  if (r.match === 'not_found') return '法人库中没有该名称，请核对名称或改用统一社会信用代码';
  const lists = r.lists.map(
    (l) => `${kindLabel(l.list)}（${l.since} 起，${l.authority ?? ''}${l.reason ? `：${l.reason}` : ''}）`,
  );
  // A name resolved by a judgement says whose, and when: the evidence the match rests on.
  const j = r.judgement;
  return [...(j ? [`名称经复核确认（${j.decided_by}，${shanghaiTime(j.decided_at)}）`] : []), ...lists].join('；');
}

/** The cells appended to a row for its result; a row without a subject gets none. */
export function resultCells(r: CheckResult | null): string[] {
  if (!r) return ['（本行无核查内容）', '', '', '', '', '', '', '', ''];
  return [
    verdictLabel(r.verdict),
    matchLabel(r.match, r.resolved_by),
    r.uscc ?? '',
    r.name ?? '',
    [...new Set(r.lists.map((l) => kindLabel(l.list)))].join('；'),
    r.flags.map(kindLabel).join('；'),
    r.uscc ? String(r.public_penalties.length) : '',
    r.measures.map((m) => m.measure).join('；'),
    note(r),
  ];
}

export interface WorkbookInput {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  /** The result of each row, null for a row whose checked cell is empty. */
  results: readonly (CheckResult | null)[];
  about: {
    check_id: string;
    checked_at: string;
    user: string;
    department: string | null;
    purpose: string | null;
    as_of: string;
    build_id: string;
    source: string;
  };
}

export async function checkWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('核查结果');
  sheet.addRow([...input.headers, ...RESULT_HEADERS]);
  sheet.getRow(1).font = { bold: true };
  input.rows.forEach((row, i) => sheet.addRow([...row, ...resultCells(input.results[i] ?? null)]));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const a = input.about;
  const about = wb.addWorksheet('核查说明');
  for (const row of [
    ['核查编号', a.check_id],
    ['核查时间', shanghaiTime(a.checked_at)],
    ['核查人', a.user],
    ['部门', a.department ?? ''],
    ['核查用途', a.purpose ?? ''],
    ['核查内容', a.source],
    ['数据截至', a.as_of],
    ['数据构建', a.build_id],
    [
      '说明',
      '结论依据已发布构建中的严重失信主体名单、失信被执行人、重点关注名单、失信标记和公示期内的行政处罚；措施依据配置文件中的联合奖惩措施目录。',
    ],
  ])
    about.addRow(row);
  about.getColumn(1).width = 14;
  about.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
