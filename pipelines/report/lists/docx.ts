/**
 * The month's 红黑榜 as an official document (GB/T 9704 through official.ts): the issuing office in red over
 * a red rule, the 文号, the title, one paragraph of what changed, then three tables — the red list, the
 * black list with its reasons, and who left this month and why — and the office and date at the foot.
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
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { CHANGE_LABEL, reasonsText } from '../../../lib/lists/labels.js';
import {
  CHAR,
  FONTS,
  LINE,
  RED,
  SIZE,
  mirrorMargins,
  mm,
  officeSize,
  pageNumberFooters,
  portrait,
  run,
} from '../official.js';
import { chineseDate } from '../period.js';
import type { ListsDocument } from './content.js';

const exact = { line: LINE, lineRule: 'exact' as const };

interface Column {
  title: string;
  mm: number;
}

function table(caption: string, columns: readonly Column[], rows: readonly string[][]): Array<Paragraph | Table> {
  const cell = (text: string, width: number, header: boolean) =>
    new TableCell({
      width: { size: mm(width), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { size: SIZE.wuHao, font: header ? FONTS.hei : FONTS.fang })],
        }),
      ],
    });
  const body = rows.length ? rows : [[...columns.map((_, i) => (i === 0 ? '（无）' : ''))]];
  return [
    new Paragraph({
      children: [run(caption, { font: FONTS.hei })],
      indent: { firstLine: 2 * CHAR },
      spacing: exact,
      keepNext: true,
    }),
    new Table({
      width: { size: mm(columns.reduce((a, c) => a + c.mm, 0)), type: WidthType.DXA },
      columnWidths: columns.map((c) => mm(c.mm)),
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.title, c.mm, true)) }),
        ...body.map(
          (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, columns[i]!.mm, false)) }),
        ),
      ],
    }),
    new Paragraph({ children: [], spacing: { after: 120 } }),
  ];
}

export async function listsDocx(d: ListsDocument): Promise<Buffer> {
  const change = (c: keyof typeof CHANGE_LABEL) => CHANGE_LABEL[c].zh;
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: mm(10), after: 200 },
      children: [run(d.office, { size: officeSize(d.office) * 2, color: RED, font: FONTS.title })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 12, space: 6 } },
      spacing: { ...exact, after: LINE },
      children: [run(d.number)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(d.title, { size: SIZE.erHao, font: FONTS.title })],
      spacing: { line: 700, lineRule: 'exact', after: LINE / 2 },
    }),
    new Paragraph({
      children: [run(d.summary)],
      indent: { firstLine: 2 * CHAR },
      spacing: exact,
      alignment: AlignmentType.JUSTIFIED,
    }),
    ...table(
      '一、红名单（守信激励）',
      [
        { title: '序号', mm: 12 },
        { title: '统一社会信用代码', mm: 46 },
        { title: '主体名称', mm: 72 },
        { title: '变动', mm: 26 },
      ],
      d.red.map((r, i) => [String(i + 1), r.uscc, r.name ?? '', change(r.change)]),
    ),
    ...table(
      '二、黑名单（失信惩戒）',
      [
        { title: '序号', mm: 12 },
        { title: '统一社会信用代码', mm: 42 },
        { title: '主体名称', mm: 50 },
        { title: '列入事由', mm: 32 },
        { title: '变动', mm: 20 },
      ],
      d.black.map((r, i) => [
        String(i + 1),
        r.uscc,
        r.name ?? '',
        reasonsText('black', r.change, r.reasons, 'zh'),
        change(r.change),
      ]),
    ),
    ...table(
      '三、本月移出名单',
      [
        { title: '榜单', mm: 20 },
        { title: '统一社会信用代码', mm: 42 },
        { title: '主体名称', mm: 50 },
        { title: '移出原因', mm: 44 },
      ],
      d.left.map((r) => [
        r.list === 'red' ? '红名单' : '黑名单',
        r.uscc,
        r.name ?? '',
        reasonsText(r.list, 'left', r.reasons, 'zh'),
      ]),
    ),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * CHAR },
      spacing: { ...exact, before: LINE },
      children: [run(d.office)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * CHAR },
      spacing: exact,
      children: [run(chineseDate(d.date))],
    }),
  ];
  const doc = new Document({
    title: `${d.number} ${d.title}`,
    creator: d.office,
    evenAndOddHeaderAndFooters: true,
    sections: [{ properties: { page: portrait }, footers: pageNumberFooters(), children }],
  });
  mirrorMargins(doc);
  return Packer.toBuffer(doc);
}
