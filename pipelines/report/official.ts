/**
 * GB/T 9704-2012 (党政机关公文格式) in DOCX terms, for every official document of pipelines/report:
 * A4, 版心 156 × 225 mm (top 37 mm, left 28 mm), body 3号仿宋 in 22 lines of 28 characters, level-1
 * headings 黑体, level-2 楷体, page numbers "— 1 —" in 4号宋体 at the outside corners (odd right, even
 * left, one character in from the 版心 and 7 mm below it), and the 版记 between lines at the foot of the
 * last even page.
 */
import {
  AlignmentType,
  BorderStyle,
  Footer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Tab,
  TabStopType,
  TextRun,
  VerticalAlignSection,
  type ISectionOptions,
} from 'docx';

type Font = { ascii: string; hAnsi: string; eastAsia: string };
const font = (eastAsia: string): Font => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });

export const FONTS = {
  fang: font('仿宋_GB2312'),
  hei: font('黑体'),
  kai: font('楷体_GB2312'),
  song: font('宋体'),
  title: font('方正小标宋简体'),
} as const;

export const RED = 'E60012';
/** Sizes in half-points: 初号 42 pt … 五号 10.5 pt. */
export const SIZE = { chuHao: 84, erHao: 44, sanHao: 32, siHao: 28, wuHao: 21 } as const;
export const mm = (n: number): number => Math.round(n * 56.6929);
/** 22 lines in 225 mm: 28.95 pt per line, in twentieths of a point. */
export const LINE = 579;
/** One character of the body (3号, 16 pt) in twips: the unit of indents. */
export const CHAR = 320;

/** The 发文机关标志's size in points: at most 36 pt, small enough for the full name to fit the 156 mm line. */
export const officeSize = (name: string): number => Math.min(36, Math.floor((440 / Math.max(1, name.length)) * 2) / 2);

const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(23) };

export const portrait = { size: PAGE, margin: MARGIN };
/** A landscape annex page keeps the 版心: what was the top margin is now on the left. */
export const landscape = {
  size: { ...PAGE, orientation: PageOrientation.LANDSCAPE },
  margin: { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35), header: mm(12), footer: mm(14) },
};

export const run = (t: string, o: { size?: number; bold?: boolean; color?: string; font?: Font } = {}): TextRun =>
  new TextRun({ text: t, size: o.size ?? SIZE.sanHao, bold: o.bold, color: o.color, font: o.font ?? FONTS.fang });

const pageNumber = (alignment: 'left' | 'right'): Footer =>
  new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: alignment === 'right' ? { right: CHAR } : { left: CHAR },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.siHao, font: FONTS.song })],
      }),
    ],
  });

/** Odd pages number at the right, even pages at the left (the document sets evenAndOddHeaderAndFooters). */
export const pageNumberFooters = (): ISectionOptions['footers'] => ({
  default: pageNumber('right'),
  even: pageNumber('left'),
});

/** A tab (w:tab), to the paragraph's next tab stop. */
export const tab = (size: number = SIZE.sanHao): TextRun => new TextRun({ children: [new Tab()], size });

const THICK = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 4 };

/**
 * The 版记: 抄送 and 印发机关 / 印发日期 in 4号仿宋 between a thick first and last line with a thin line
 * between them, one character in from each side, at the foot of a page of its own that starts on an even
 * page (section type evenPage, aligned to the bottom): the last even page of the document.
 */
export function banjiSection(b: { copyTo: string | null; printedBy: string; printedOn: string }): ISectionOptions {
  const line = (children: TextRun[], border: object, tab = false) =>
    new Paragraph({
      children,
      border,
      indent: { left: CHAR, right: CHAR },
      spacing: { line: LINE, lineRule: 'exact' },
      tabStops: tab ? [{ type: TabStopType.RIGHT, position: mm(156) - 2 * CHAR }] : undefined,
    });
  const size = SIZE.siHao;
  const children = [
    ...(b.copyTo ? [line([run(`抄送：${b.copyTo}。`, { size })], { top: THICK, bottom: THIN })] : []),
    line(
      [run(b.printedBy, { size }), tab(size), run(b.printedOn, { size })],
      b.copyTo ? { bottom: THICK } : { top: THICK, bottom: THICK },
      true,
    ),
  ];
  return {
    properties: { page: portrait, type: SectionType.EVEN_PAGE, verticalAlign: VerticalAlignSection.BOTTOM },
    footers: pageNumberFooters(),
    children,
  };
}
