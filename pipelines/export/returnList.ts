/**
 * 退回清单: the quarantined rows as a department receives them back (issue 18 item 10). One sheet per
 * delivered file, its original cells one per column under the headers the department delivered, the
 * reason in Chinese words (pipelines/ingest/reasons.ts, the messages the pages show) and what to change
 * before delivering the row again; a first sheet lists the files. The interfaces.md `quarantine` dataset
 * (codes, raw as JSON) is unchanged: this is the same rows, written for people.
 */
import type { Db } from '../../lib/db.js';
import { reasonMessage } from '../ingest/reasons.js';
import { sheetNames, type PeopleSheet } from './peopleTable.js';
import { quarantineDepartmentCondition, quarantineSql, type QuarantineRow } from './quarantine.js';
import { sourceTitle } from './sourceTitles.js';

/** What the department does about each reason, in its words. */
const FIXES: Record<string, (field: string) => string> = {
  missing_required: (f) => `补填「${f}」后，将该行重新报送`,
  unreadable_date: (f) => `将「${f}」改为有效日期（如 2025-06-30 或 2025年6月30日）后重新报送`,
  unknown_subject_kind: () =>
    '填写「行政相对人类别」（法人及非法人组织、自然人、个体工商户），或补全统一社会信用代码/证件号码后重新报送',
  unreadable_row: () => '检查该行的列数与表头一致（多余的分隔符、未加引号的逗号或换行），改正后重新报送',
};

export function fixFor(reason: string): string {
  const i = reason.indexOf(':');
  const kind = i < 0 ? reason : reason.slice(0, i);
  const field = i < 0 ? '' : reason.slice(i + 1);
  return FIXES[kind]?.(field) ?? '核对该行后重新报送';
}

/** The rows, narrowed to one department's when `department` is given (as the quarantine dataset narrows). */
export async function returnRows(db: Db, department: string | null): Promise<QuarantineRow[]> {
  const where = department === null ? '' : `where ${quarantineDepartmentCondition()}`;
  const rows = await db.all<{ source: string; file: string; row_number: number; reason: string; raw: string }>(
    `select * from (${quarantineSql()}) ${where}`,
    department === null ? [] : [department],
  );
  return rows.map((r) => ({ ...r, raw: JSON.parse(r.raw) as Record<string, string | null> }));
}

/** The workbook's sheets: the list of files, then one per file. */
export function returnListSheets(rows: readonly QuarantineRow[]): PeopleSheet[] {
  const byFile = new Map<string, QuarantineRow[]>();
  for (const r of rows) {
    const key = `${r.source}\u0000${r.file}`;
    byFile.set(key, [...(byFile.get(key) ?? []), r]);
  }
  const files = [...byFile.values()];
  // The summary names each file's sheet as the workbook will ('说明' is taken first).
  const names = sheetNames([
    '说明',
    ...files.map((f) => `${sourceTitle(f[0]!.source)}-${f[0]!.file.replace(/\.[^.]+$/, '')}`),
  ]).slice(1);
  const summary: PeopleSheet = {
    name: '说明',
    columns: [
      { title: '数据类别' },
      { title: '报送文件' },
      { title: '退回行数', kind: 'integer' },
      { title: '工作表' },
      { title: '处理办法' },
    ],
    rows: files.map((f, i) => [
      sourceTitle(f[0]!.source),
      f[0]!.file,
      f.length,
      names[i]!,
      '按各行「如何修改」改正后，只将这些行重新报送（已入库的行不必重报）',
    ]),
  };
  return [
    summary,
    ...files.map((f, i): PeopleSheet => {
      // The delivered headers in the order delivered; a header only some rows carry comes after.
      const headers = [...new Set(f.flatMap((r) => Object.keys(r.raw)))];
      return {
        name: names[i]!,
        columns: [
          { title: '行号', kind: 'integer' },
          { title: '退回原因' },
          { title: '如何修改' },
          ...headers.map((h) => ({ title: h })),
        ],
        rows: f.map((r) => [
          r.row_number,
          reasonMessage(r.reason),
          fixFor(r.reason),
          ...headers.map((h) => r.raw[h] ?? null),
        ]),
      };
    }),
  ];
}
