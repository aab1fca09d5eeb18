/**
 * The screening report as one official document (GB/T 9704), before it becomes DOCX or HTML: the head
 * (发文机关标志, 发文字号, title, 主送), the body, the 附件说明, the signature and date, the annexes (one
 * line per enterprise, each department's own evidence only) and the 版记. docx.ts and html.ts lay out
 * the same model, so the PDF (from the HTML) says what the DOCX says.
 */
import { departmentRows } from './compose.js';
import { ANNEX_COLUMNS, CHANGE_LABEL, RESOLVED_COLUMNS, annexEvidence, reportTitle } from './labels.js';
import { chineseDate } from './period.js';
import { reportProse, type ProseBlock } from './prose.js';
import { todayInShanghai } from '../../lib/dates.js';
import type { ScreeningReport } from './types.js';

export interface AnnexTable {
  /** e.g. 1. 厦门市海沧区市场监督管理局（46户） */
  heading: string;
  columns: ReadonlyArray<{ title: string; mm: number }>;
  rows: Array<{ cells: string[]; bold: boolean; uscc: string }>;
}

export interface Annex {
  label: string;
  title: string;
  tables: AnnexTable[];
  /** Said instead of tables when there is nothing to list. */
  note: string | null;
}

export interface Circular {
  office: string;
  docNo: string;
  title: string;
  addressee: string;
  body: ProseBlock[];
  /** 附件说明, one line per annex: "1. 各责任部门名单". */
  annexNotes: string[];
  signature: string;
  /** 成文日期, e.g. 2025年12月31日. */
  date: string;
  annexes: Annex[];
  banji: { copyTo: string | null; printedBy: string; printedOn: string };
}

/**
 * The tasked departments' tables. The coordinator is the issuing office itself: its rows (every
 * cross-domain violator, 牵头协调) are in the XLSX and on 跟踪督办, not circulated to the departments.
 */
export function annexDepartments(report: ScreeningReport): string[] {
  return report.departments.filter((d) => d !== report.coordinator);
}

function departmentTables(report: ScreeningReport): AnnexTable[] {
  return annexDepartments(report).map((d, i) => {
    const rows = departmentRows(report, d);
    return {
      heading: `${i + 1}. ${d}（${rows.length}户）`,
      columns: ANNEX_COLUMNS,
      rows: rows.map((r, n) => ({
        uscc: r.entity.uscc,
        // Persistent violators (屡禁不止) are set in bold, so they stand out in print without colour.
        bold: r.entity.persistent !== null,
        cells: [
          String(n + 1),
          r.entity.name ?? '（名称未登记）',
          r.entity.uscc,
          r.entity.level,
          CHANGE_LABEL[r.entity.change],
          r.entity.measure,
          ...annexEvidence(r, report.domainLabels),
        ],
      })),
    };
  });
}

export function circular(report: ScreeningReport): Circular {
  const resolved: AnnexTable = {
    heading: '',
    columns: RESOLVED_COLUMNS,
    rows: report.resolved.map((r, i) => ({
      uscc: r.uscc,
      bold: false,
      cells: [String(i + 1), r.name ?? '（名称未登记）', r.uscc],
    })),
  };
  return {
    office: report.issuing_office,
    docNo: report.report_no,
    title: reportTitle(report),
    addressee: '各有关部门：',
    body: reportProse(report),
    annexNotes: report.resolved.length ? ['各责任部门名单', '不再列入名单'] : ['各责任部门名单'],
    signature: report.issuing_office,
    date: chineseDate(report.as_of),
    annexes: [
      {
        label: report.resolved.length ? '附件1' : '附件',
        title: '各责任部门名单',
        tables: departmentTables(report),
        note: annexDepartments(report).length ? null : '本期无交办部门。',
      },
      // Nothing no longer listed: no annex 2 (the results paragraph says so).
      ...(report.resolved.length ? [{ label: '附件2', title: '不再列入名单', tables: [resolved], note: null }] : []),
    ],
    banji: {
      copyTo: report.copyTo.length ? report.copyTo.join('，') : null,
      printedBy: report.printedBy,
      printedOn: `${chineseDate(todayInShanghai(new Date(report.issued_at)))}印发`,
    },
  };
}
