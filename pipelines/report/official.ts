/**
 * GB/T 9704-2012 (党政机关公文格式) in DOCX terms, for every official document of pipelines/report:
 * A4, 版心 156 × 225 mm (top 37 mm, 28 mm on the binding side: left on odd pages, right on even pages),
 * body 3号仿宋 in 22 lines of 28 characters, level-1 headings 黑体, level-2 楷体, page numbers "— 1 —" in
 * 4号宋体 at the outside corners (odd right, even left, one character in from the 版心 and 7 mm below
 * it), and the 版记 between lines at the foot of the last even page.
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
  OnOffElement,
  TextRun,
  type Document,
  type IBorderOptions,
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
/** With mirrorMargins (below) left is the inside (订口, 28 mm) and right the outside (切口, 26 mm) of each page. */
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(23) };

export const portrait = { size: PAGE, margin: MARGIN };
/** A landscape annex page keeps the 版心: what was the top margin is now on the left. */
export const landscape = {
  size: { ...PAGE, orientation: PageOrientation.LANDSCAPE },
  margin: { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35), header: mm(12), footer: mm(14) },
};

/**
 * Turns on w:mirrorMargins, which the docx package does not offer: the 订口 margin (28 mm) is on the left
 * of odd pages and on the right of even pages, as GB/T 9704 prints both sides. Word swaps left and right
 * only, so a landscape annex page keeps its top and bottom (the 版心 moves by 2 mm across, not along).
 */
export function mirrorMargins(doc: Document): Document {
  // Settings' children in the schema's order (CT_Settings): mirrorMargins comes before defaultTabStop.
  const root = (doc.Settings as unknown as { root: unknown[] }).root;
  const key = (c: unknown) => (c as { rootKey?: string }).rootKey ?? '';
  const before = root.findIndex((c) =>
    ['w:trackRevisions', 'w:documentProtection', 'w:defaultTabStop'].includes(key(c)),
  );
  root.splice(before < 0 ? root.length : before, 0, new OnOffElement('w:mirrorMargins', true));
  return doc;
}

export const run = (t: string, o: { size?: number; bold?: boolean; color?: string; font?: Font } = {}): TextRun =>
  new TextRun({ text: t, size: o.size ?? SIZE.sanHao, bold: o.bold, color: o.color, font: o.font ?? FONTS.fang });

const pageNumberParagraph = (alignment: 'left' | 'right'): Paragraph =>
  new Paragraph({
    alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: alignment === 'right' ? { right: CHAR } : { left: CHAR },
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.siHao, font: FONTS.song })],
  });

const pageNumber = (alignment: 'left' | 'right'): Footer => new Footer({ children: [pageNumberParagraph(alignment)] });

/** Odd pages number at the right, even pages at the left (the document sets evenAndOddHeaderAndFooters). */
export const pageNumberFooters = (): ISectionOptions['footers'] => ({
  default: pageNumber('right'),
  even: pageNumber('left'),
});

/** A tab (w:tab), to the paragraph's next tab stop. */
export const tab = (size: number = SIZE.sanHao): TextRun => new TextRun({ children: [new Tab()], size });

const THICK: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 4 };

/** Width of a text in characters of its size: CJK and full-width punctuation one, digits and Latin half. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.5;
  return w;
}

/**
 * The size (pt) of the 印发机关 … 印发日期 line: 4号 (14 pt) as GB/T 9704 sets it, smaller by half points
 * when the two with a character between them do not fit the 版心 less one character each side (a long
 * office name: 厦门市海沧区社会信用体系建设领导小组办公室 with its date needs 33 characters, 4号 gives 29).
 */
export function printedLineSize(printedBy: string, printedOn: string): number {
  const room = (156 / 25.4) * 72 - 2 * 16;
  const chars = textWidth(printedBy) + textWidth(printedOn) + 1;
  return Math.min(14, Math.floor((room / chars) * 2) / 2);
}

export interface Banji {
  copyTo: string | null;
  printedBy: string;
  printedOn: string;
}

/**
 * The 版记 (GB/T 9704 7.4): 抄送 (continuation lines under the first name after the colon) and 印发机关 /
 * 印发日期 in 4号仿宋 between a thick first and last line with a thin line between, one character in
 * from each side.
 */
function banjiParagraphs(b: Banji): Paragraph[] {
  const size = SIZE.siHao;
  const fit = 2 * printedLineSize(b.printedBy, b.printedOn);
  const border = (top: IBorderOptions | undefined, bottom: IBorderOptions) => ({ ...(top ? { top } : {}), bottom });
  const copy = b.copyTo
    ? [
        new Paragraph({
          children: [run(`抄送：${b.copyTo}。`, { size })],
          border: border(THICK, THIN),
          // 抄送： is three characters of 14 pt: the lines after the first start under the first name.
          indent: { left: CHAR + 3 * 280, hanging: 3 * 280, right: CHAR },
          spacing: { line: LINE, lineRule: 'exact' },
        }),
      ]
    : [];
  const printed = new Paragraph({
    children: [run(b.printedBy, { size: fit }), tab(fit), run(b.printedOn, { size: fit })],
    border: border(b.copyTo ? undefined : THICK, THICK),
    indent: { left: CHAR, right: CHAR },
    spacing: { line: LINE, lineRule: 'exact', after: mm(6) },
    tabStops: [{ type: TabStopType.RIGHT, position: mm(156) - 2 * CHAR }],
  });
  return [...copy, printed];
}

/**
 * The 版记's page: a section of its own that starts on an even page (section type evenPage), the 版记 at
 * its foot in the even-page footer above the page number, so Word and LibreOffice both put it at the
 * bottom (LibreOffice ignores a section's vertical alignment). When the annexes end on an even page the
 * section's first page is a blank odd one (GB/T 9704 7.5: a blank page before the 版记 carries no page
 * number): the odd-page footer is empty, and LibreOffice prints its blank pages without footers anyway.
 */
export function banjiSection(b: Banji): ISectionOptions {
  return {
    properties: { page: portrait, type: SectionType.EVEN_PAGE },
    footers: {
      default: new Footer({ children: [new Paragraph({ children: [] })] }),
      even: new Footer({ children: [...banjiParagraphs(b), pageNumberParagraph('left')] }),
    },
    children: [new Paragraph({ children: [] })],
  };
}
