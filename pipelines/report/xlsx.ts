/** The screening report as XLSX: a summary sheet (汇总), one sheet per department, and 不再列入. */
import ExcelJS from 'exceljs';
import { departmentRows } from './compose.js';
import {
  CHANGE_LABEL,
  DEPARTMENT_COLUMNS,
  SUMMARY_COLUMNS,
  domainText,
  entityDomains,
  evidenceLines,
  reportTitle,
  typesOf,
} from './labels.js';
import type { ScreeningReport } from './types.js';

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique regardless of case. */
export function sheetName(name: string, taken: Set<string>): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_');
  let candidate = clean.slice(0, 31);
  for (let n = 2; taken.has(candidate.toLowerCase()); n++)
    candidate = `${clean.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function header(sheet: ExcelJS.Worksheet, columns: readonly string[]): void {
  const row = sheet.addRow([...columns]);
  row.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: sheet.rowCount }];
}

export async function screeningXlsx(report: ScreeningReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = report.issuing_office;
  const taken = new Set<string>();
  const summary = wb.addWorksheet(sheetName('汇总', taken));
  summary.addRow([`${report.report_no} ${reportTitle(report)}`]).font = { bold: true, size: 14 };
  summary.addRow(['数据截至', report.as_of, '数据版本', report.build_id, '办结时限', report.due_date]);
  summary.addRow([]);
  header(summary, SUMMARY_COLUMNS);
  report.entities.forEach((e, i) => {
    const leads = e.routing.filter((r) => r.role === 'lead').map((r) => r.department);
    const coordinators = e.routing.filter((r) => r.role === 'coordinator').map((r) => r.department);
    summary.addRow([
      i + 1,
      e.uscc,
      e.name ?? '',
      typesOf(e).join('、'),
      domainText(entityDomains(e), report.domainLabels),
      CHANGE_LABEL[e.change],
      e.persistent ? '是' : '否',
      e.measure,
      leads.join('|'),
      coordinators.join('|'),
      report.due_date,
      e.evidence.length,
      e.copies.join('|'),
    ]);
  });
  summary.columns.forEach((c, i) => (c.width = [6, 22, 30, 20, 20, 10, 8, 8, 36, 10, 12, 10, 30][i] ?? 12));

  for (const department of report.departments) {
    const sheet = wb.addWorksheet(sheetName(department, taken));
    sheet.addRow([department, `${report.report_no}`, `办结时限 ${report.due_date}`]).font = { bold: true };
    header(sheet, DEPARTMENT_COLUMNS);
    departmentRows(report, department).forEach((r, i) => {
      const domains = r.role === 'coordinator' ? (r.entity.cross?.domains ?? []) : r.domains;
      const row = sheet.addRow([
        i + 1,
        r.entity.uscc,
        r.entity.name ?? '',
        typesOf(r.entity).join('、'),
        domainText(domains, report.domainLabels),
        CHANGE_LABEL[r.entity.change],
        r.role === 'coordinator' ? `牵头协调（${r.entity.measure}）` : r.entity.measure,
        report.due_date,
        evidenceLines(r.entity, report.domainLabels).join('\n'),
      ]);
      row.alignment = { wrapText: true, vertical: 'top' };
    });
    sheet.columns.forEach((c, i) => (c.width = [6, 22, 30, 20, 16, 10, 16, 12, 80][i] ?? 12));
  }

  const resolved = wb.addWorksheet(sheetName('不再列入', taken));
  header(resolved, ['序号', '统一社会信用代码', '主体名称']);
  report.resolved.forEach((r, i) => resolved.addRow([i + 1, r.uscc, r.name ?? '']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
