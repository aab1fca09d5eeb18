/**
 * The screening report as a DOCX in the layout of GB/T 9704 (党政机关公文格式, see official.ts): the
 * issuing office in red over a red rule under the document number, a centred title, the body in 仿宋
 * with two-character indents and the sector figure, the 附件说明, signature and date kept with the last
 * paragraph, landscape annexes with one line per enterprise, and the 版记 on the last even page.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Png } from './charts/rasterise.js';
import { circular, type AnnexTable, type Circular } from './circular.js';
import {
  CHAR,
  FONTS,
  LINE,
  RED,
  SIZE,
  officeSize,
  banjiSection,
  landscape,
  mirrorMargins,
  mm,
  pageNumberFooters,
  portrait,
  run,
} from './official.js';
import type { ProseBlock } from './prose.js';
import type { ScreeningReport } from './types.js';

const exact = { line: LINE, lineRule: 'exact' as const };

const bodyParagraph = (b: ProseBlock, keepNext = false): Paragraph =>
  new Paragraph({
    children: [...(b.lead ? [run(b.lead, { font: FONTS.kai })] : []), run(b.text)],
    indent: { firstLine: 2 * CHAR },
    spacing: exact,
    alignment: AlignmentType.JUSTIFIED,
    keepNext,
    keepLines: keepNext,
  });

// keepNext: a heading never ends a page without what it heads.
const heading = (t: string, size: number = SIZE.sanHao): Paragraph =>
  new Paragraph({
    children: [run(t, { font: FONTS.hei, size })],
    indent: { firstLine: 2 * CHAR },
    spacing: exact,
    keepNext: true,
  });

function figure(caption: string, heatmap: Png | null): Paragraph[] {
  if (!heatmap) return [bodyParagraph({ kind: 'paragraph', text: '本期无行业分布数据。' })];
  const width = Math.round((mm(110) / 1440) * 96);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: heatmap.data,
          transformation: { width, height: Math.round((heatmap.height * width) / heatmap.width) },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(caption, { size: SIZE.wuHao, font: FONTS.song })],
      spacing: { after: 120 },
    }),
  ];
}

/** The head of the first page: 发文机关标志 35 mm below the 版心's top, number, red rule, title, 主送. */
function head(c: Circular): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: mm(35) - LINE, after: 2 * LINE },
      children: [run(c.office, { size: 2 * officeSize(c.office), color: RED, font: FONTS.title })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(c.docNo)],
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 8, space: 11 } },
      spacing: { ...exact, after: 2 * LINE },
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(c.title, { size: SIZE.erHao, font: FONTS.title })],
      spacing: { line: 700, lineRule: 'exact', after: LINE },
    }),
    new Paragraph({ children: [run(c.addressee)], spacing: exact }),
  ];
}

/**
 * 附件说明, signature and date. The last body paragraph and these are kept together, so the signature
 * never stands alone on a page (the case GB/T 9704 answers with "（此页无正文）").
 */
function closing(c: Circular): Paragraph[] {
  const notes = c.annexNotes.map(
    (n, i) =>
      new Paragraph({
        children: [run(c.annexNotes.length === 1 ? `附件：${n}` : i === 0 ? `附件：${i + 1}. ${n}` : `${i + 1}. ${n}`)],
        indent: i === 0 ? { left: 2 * CHAR } : { left: 5 * CHAR },
        spacing: i === 0 ? { ...exact, before: LINE } : exact,
        keepNext: true,
        keepLines: true,
      }),
  );
  // 署名 right-aligned two characters in; 成文日期 below it, starting two characters right of the 署名.
  const dateIndent = Math.max(0, 2 + c.signature.length - c.date.length - 2) * CHAR;
  return [
    ...notes,
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 2 * CHAR },
      children: [run(c.signature)],
      spacing: { ...exact, before: 3 * LINE },
      keepNext: true,
      keepLines: true,
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: dateIndent },
      children: [run(c.date)],
      spacing: exact,
      keepLines: true,
    }),
  ];
}

const cell = (text: string, mmWidth: number, o: { bold?: boolean; header?: boolean } = {}): TableCell =>
  new TableCell({
    width: { size: mm(mmWidth), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 40, right: 40, top: 20, bottom: 20 },
    children: [
      new Paragraph({
        alignment: o.header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, { size: SIZE.wuHao, bold: o.bold, font: o.header ? FONTS.hei : FONTS.fang })],
      }),
    ],
  });

function annexTable(t: AnnexTable): Table {
  const widths = t.columns.map((c) => mm(c.mm));
  return new Table({
    width: { size: widths.reduce((a, b) => a + b), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.columns.map((c) => cell(c.title, c.mm, { header: true })),
      }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.cells.map((text, i) => cell(text, t.columns[i]!.mm, { bold: r.bold })),
          }),
      ),
    ],
  });
}

/** Each annex on a new page: 附件N in 3号黑体 at the top left, its title centred in 2号小标宋, then tables. */
function annexes(c: Circular): Array<Paragraph | Table> {
  return c.annexes.flatMap((a, i) => [
    new Paragraph({ children: [run(a.label, { font: FONTS.hei })], pageBreakBefore: i > 0, spacing: exact }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(a.title, { size: SIZE.erHao, font: FONTS.title })],
      spacing: { line: 700, lineRule: 'exact', after: LINE / 2 },
    }),
    ...(a.note ? [bodyParagraph({ kind: 'paragraph', text: a.note })] : []),
    ...a.tables.flatMap((t) => [
      ...(t.heading ? [heading(t.heading, SIZE.siHao)] : []),
      annexTable(t),
      new Paragraph({ children: [], spacing: { after: 120 } }),
    ]),
  ]);
}

export async function screeningDocx(report: ScreeningReport, heatmap: Png | null): Promise<Buffer> {
  const c = circular(report);
  const body = c.body.flatMap((b, i): Paragraph[] => {
    if (b.kind === 'figure') return figure(b.text, heatmap);
    if (b.kind === 'heading') return [heading(b.text)];
    return [bodyParagraph(b, i === c.body.length - 1)];
  });
  const sections: ISectionOptions[] = [
    { properties: { page: portrait }, footers: pageNumberFooters(), children: [...head(c), ...body, ...closing(c)] },
    // The wide annex tables go on landscape pages; numbering runs on through every section.
    { properties: { page: landscape }, footers: pageNumberFooters(), children: annexes(c) },
    banjiSection(c.banji),
  ];
  const doc = new Document({
    creator: report.issuing_office,
    title: `${report.report_no} ${c.title}`,
    evenAndOddHeaderAndFooters: true,
    sections,
  });
  mirrorMargins(doc);
  return Packer.toBuffer(doc);
}
