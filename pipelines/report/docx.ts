/**
 * The screening report as a DOCX in the layout of GB/T 9704 (党政机关公文格式): the issuing office in
 * red over a red rule, the document number, a centred title, the body in 仿宋 with two-character
 * indents, the heatmap, one table per department with the evidence per entity, then signature and date.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { departmentRows } from './compose.js';
import { CHANGE_LABEL, DEPARTMENT_COLUMNS, domainText, reportTitle, shortEvidenceLines, typesOf } from './labels.js';
import { chineseDate } from './period.js';
import { reportProse } from './prose.js';
import type { Png } from './charts/rasterise.js';
import type { ScreeningReport } from './types.js';

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const XIAOBIAOSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
const HEITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const RED = 'E60012';
// Half-points: 三号 16 pt, 二号 22 pt, 小四 12 pt, 五号 10.5 pt.
const SAN_HAO = 32;
const ER_HAO = 44;
const TABLE_SIZE = 18;
// Annex tables sit on landscape A4: 16838 − 1588 − 1474 twips of text width, shared out by column.
const DEPARTMENT_WIDTHS = [560, 2000, 2300, 1300, 1150, 800, 900, 1100, 3666];
const RESOLVED_WIDTHS = [800, 3000, 9976];
const PORTRAIT = {
  size: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
};
const LANDSCAPE = {
  size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
  margin: { top: 1588, bottom: 1474, left: 1588, right: 1474 },
};

const text = (
  t: string,
  opts: { size?: number; bold?: boolean; color?: string; font?: typeof FANGSONG } = {},
): TextRun =>
  new TextRun({ text: t, size: opts.size ?? SAN_HAO, bold: opts.bold, color: opts.color, font: opts.font ?? FANGSONG });

const body = (t: string): Paragraph =>
  new Paragraph({
    children: [text(t)],
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
    alignment: AlignmentType.JUSTIFIED,
  });

// keepNext: a department's heading never ends a page without its table.
const heading = (t: string): Paragraph =>
  new Paragraph({
    children: [text(t, { font: HEITI })],
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
    keepNext: true,
  });

const cell = (lines: readonly string[], header = false): TableCell =>
  new TableCell({
    children: (lines.length ? lines : ['']).map(
      (l) => new Paragraph({ children: [text(l, { size: TABLE_SIZE, bold: header })] }),
    ),
  });

function departmentTable(report: ScreeningReport, department: string): Table {
  const rows = departmentRows(report, department);
  return new Table({
    width: { size: DEPARTMENT_WIDTHS.reduce((a, b) => a + b), type: WidthType.DXA },
    columnWidths: DEPARTMENT_WIDTHS,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: DEPARTMENT_COLUMNS.map((c) => cell([c], true)) }),
      ...rows.map((r, i) => {
        // Persistent violators (屡禁不止) are set in bold, so they stand out in print without colour.
        const bold = r.entity.persistent !== null;
        return new TableRow({
          children: [
            cell([String(i + 1)], bold),
            cell([r.entity.uscc], bold),
            cell([r.entity.name ?? ''], bold),
            cell([typesOf(r.entity).join('、')], bold),
            cell(
              [domainText(r.role === 'coordinator' ? (r.entity.cross?.domains ?? []) : r.domains, report.domainLabels)],
              bold,
            ),
            cell([CHANGE_LABEL[r.entity.change]], bold),
            cell([r.role === 'coordinator' ? `牵头协调（${r.entity.measure}）` : r.entity.measure], bold),
            cell([report.due_date], bold),
            cell(shortEvidenceLines(r.entity, report.domainLabels), bold),
          ],
        });
      }),
    ],
  });
}

function resolvedTable(report: ScreeningReport): Table {
  return new Table({
    width: { size: RESOLVED_WIDTHS.reduce((a, b) => a + b), type: WidthType.DXA },
    columnWidths: RESOLVED_WIDTHS,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['序号', '统一社会信用代码', '主体名称'].map((c) => cell([c], true)),
      }),
      ...report.resolved.map(
        (r, i) => new TableRow({ children: [cell([String(i + 1)]), cell([r.uscc]), cell([r.name ?? ''])] }),
      ),
    ],
  });
}

export async function screeningDocx(report: ScreeningReport, heatmap: Png | null): Promise<Buffer> {
  const centred = (t: string, opts: Parameters<typeof text>[1] = {}): Paragraph =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [text(t, opts)], spacing: { after: 200 } });
  const children: Array<Paragraph | Table> = [
    centred(report.issuing_office, {
      size: report.issuing_office.length > 16 ? 40 : 52,
      color: RED,
      font: XIAOBIAOSONG,
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [text(report.report_no)],
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 18, space: 8 } },
      spacing: { after: 400 },
    }),
    centred(reportTitle(report), { size: ER_HAO, font: XIAOBIAOSONG }),
    new Paragraph({ children: [text('各有关部门：')], spacing: { line: 560, lineRule: 'exact' } }),
    ...reportProse(report).map((b) => (b.kind === 'heading' ? heading(b.text) : body(b.text))),
  ];
  if (heatmap) {
    const width = 560;
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: heatmap.data,
            transformation: { width, height: Math.round((heatmap.height * width) / heatmap.width) },
          }),
        ],
      }),
      centred(
        `各行业门类计入事件数（格中数字）与每百户经营主体事件数（颜色深浅），截至${chineseDate(report.as_of)}，近12个月`,
        { size: TABLE_SIZE },
      ),
    );
  } else {
    children.push(body('本期无行业分布数据。'));
  }
  children.push(
    body(`附件：1. 各责任部门名单（${report.departments.length}个部门）`),
    body('2. 不再列入名单'),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [text(report.issuing_office)],
      spacing: { before: 600 },
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(chineseDate(report.as_of))] }),
  );
  const annexes: Array<Paragraph | Table> = [new Paragraph({ children: [text('附件1', { font: HEITI })] })];
  report.departments.forEach((d, i) => {
    const n = departmentRows(report, d).length;
    annexes.push(heading(`${i + 1}. ${d}（${n}户）`), departmentTable(report, d));
  });
  annexes.push(new Paragraph({ children: [text('附件2', { font: HEITI })], pageBreakBefore: true }));
  annexes.push(
    report.resolved.length
      ? resolvedTable(report)
      : body(
          report.previous
            ? `上期通报（${report.previous.report_no}）所列主体均继续列入。`
            : '本期为首次通报，无不再列入主体。',
        ),
  );
  const doc = new Document({
    creator: report.issuing_office,
    title: `${report.report_no} ${reportTitle(report)}`,
    sections: [
      // A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm); the wide
      // annex tables go on landscape pages of their own.
      { properties: { page: PORTRAIT }, children },
      { properties: { page: LANDSCAPE }, children: annexes },
    ],
  });
  return Packer.toBuffer(doc);
}
