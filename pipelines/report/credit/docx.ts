/**
 * The credit report as a DOCX in the layout of GB/T 9704, as the screening report's (../docx.ts): A4 with
 * its margins, the office in red 小标宋 over a red rule, the title in 小标宋 二号, headings in 黑体 三号,
 * the body in 仿宋_GB2312 三号 with two-character indents, tables in 五号.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chineseDate } from '../period.js';
import { metaPairs, reportBlocks, reportTitle, type Block } from './content.js';
import type { CreditReport } from './types.js';

const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });
const FANGSONG = font('仿宋_GB2312');
const HEITI = font('黑体');
const XIAOBIAOSONG = font('方正小标宋简体');
const RED = 'E60012';
// Half-points: 三号 16 pt, 二号 22 pt, 小一 24 pt, 五号 10.5 pt.
const SAN_HAO = 32;
const ER_HAO = 44;
const XIAO_YI = 48;
const WU_HAO = 21;
// A4 width 11906 twips less the left and right margins of GB/T 9704 (28 mm, 26 mm).
const TEXT_WIDTH = 11906 - 1588 - 1474;

const run = (text: string, opts: { size?: number; font?: typeof FANGSONG; color?: string } = {}): TextRun =>
  new TextRun({ text, size: opts.size ?? SAN_HAO, font: opts.font ?? FANGSONG, color: opts.color });

const exact = { line: 560, lineRule: 'exact' as const };

const cell = (text: string, header: boolean, width: number): TableCell =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ children: [run(text, { size: WU_HAO, font: header ? HEITI : FANGSONG })] })],
  });

function table(head: readonly string[] | null, rows: readonly string[][], percents: readonly number[]): Table {
  const widths = percents.map((p) => Math.round((TEXT_WIDTH * p) / 100));
  const header = head
    ? [new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, true, widths[i]!)) })]
    : [];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      ...header,
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, head === null && i === 0, widths[i]!)) })),
    ],
  });
}

function block(b: Block): Paragraph | Table {
  switch (b.kind) {
    case 'heading':
      return new Paragraph({
        children: [run(b.text, { font: HEITI })],
        indent: { firstLine: 640 },
        spacing: exact,
        keepNext: true,
      });
    case 'para':
      return new Paragraph({
        children: [run(b.text)],
        indent: { firstLine: 640 },
        spacing: exact,
        alignment: AlignmentType.JUSTIFIED,
      });
    case 'table':
      return table(b.head, b.rows, b.widths);
    case 'pairs':
      return table(null, b.rows, [30, 70]);
  }
}

export async function creditReportDocx(r: CreditReport, digest: string): Promise<Buffer> {
  const centred = (text: string, opts: Parameters<typeof run>[1] = {}): Paragraph =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, opts)], spacing: { after: 200 } });
  const children: Array<Paragraph | Table> = [
    centred(r.issuing_office, { size: r.issuing_office.length > 16 ? 40 : XIAO_YI, color: RED, font: XIAOBIAOSONG }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(r.report_no)],
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 18, space: 8 } },
      spacing: { after: 400 },
    }),
    centred(reportTitle(r), { size: ER_HAO, font: XIAOBIAOSONG }),
    table(null, metaPairs(r, digest), [30, 70]),
    ...reportBlocks(r).map(block),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(r.issuing_office)], spacing: { before: 600 } }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(chineseDate(r.issued_date))] }),
  ];
  const doc = new Document({
    creator: r.issuing_office,
    title: `${r.report_no} ${reportTitle(r)}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
