/**
 * `sentinel report brief`: the month's 简报 for leaders (briefModel.ts) as DOCX, HTML, and PDF when
 * chromium is installed, in the fonts and page of GB/T 9704 (official.ts): a red masthead with 期号,
 * 编印单位 and date over a red rule, then 主要情况, 主要问题 and 下步建议, 未达标 set in bold red, and the
 * 报送 line between rules at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
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
  TabStopType,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Config } from '../../lib/config/schema.js';
import { todayInShanghai } from '../../lib/dates.js';
import { InputError } from '../../lib/errors.js';
import type { Log } from '../../lib/log.js';
import { openPublished } from '../../lib/publish/reader.js';
import { readIssued } from '../../lib/followUp/history.js';
import { reportClock } from '../../lib/followUp/clock.js';
import { establishmentOrder } from '../../lib/followUp/departmentOrder.js';
import { completionByDepartment, listAssignments } from '../../lib/followUp/store.js';
import { readBriefData, type BriefData } from './briefData.js';
import { briefModel, type Brief, type BriefTable } from './briefModel.js';
import { FONT, fontFaces } from './fonts.js';
import { esc } from './html.js';
import { CHAR, FONTS, LINE, RED, SIZE, mirrorMargins, mm, pageNumberFooters, portrait, run, tab } from './official.js';
import { CHROMIUM, chromiumAvailable, htmlFileToPdf } from './pdf.js';
import { parsePeriod } from './period.js';

export interface BriefOptions {
  dataDir: string;
  config: Readonly<Config>;
  period: string;
  outDir?: string;
  asOf?: { value: string; explicit: boolean };
  log: Log;
  chromium?: string | null;
  now?: () => Date;
}

export interface BriefResult {
  data: BriefData;
  brief: Brief;
  files: { docx: string; html: string; pdf: string | null };
  pdfSkipped: string | null;
}

const exact = { line: LINE, lineRule: 'exact' as const };

function docxTable(t: BriefTable): Array<Paragraph | Table> {
  const cell = (text: string, w: number, o: { bold?: boolean; red?: boolean; header?: boolean }) =>
    new TableCell({
      width: { size: mm(w), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          alignment: o.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [
            run(text, {
              size: SIZE.wuHao,
              bold: o.bold,
              color: o.red ? RED : undefined,
              font: o.header ? FONTS.hei : FONTS.fang,
            }),
          ],
        }),
      ],
    });
  const last = t.columns.length - 1;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [run(t.caption, { size: SIZE.wuHao, font: FONTS.hei })],
      spacing: { before: 80, after: 40 },
    }),
    new Table({
      width: { size: mm(t.columns.reduce((a, c) => a + c.mm, 0)), type: WidthType.DXA },
      columnWidths: t.columns.map((c) => mm(c.mm)),
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c.title, c.mm, { header: true })) }),
        ...t.rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: r.cells.map((c, i) =>
                cell(c, t.columns[i]!.mm, { bold: r.flag, red: r.flag && (i === last || i === 0) }),
              ),
            }),
        ),
      ],
    }),
    new Paragraph({ children: [], spacing: { after: 80 } }),
  ];
}

async function briefDocx(b: Brief): Promise<Buffer> {
  const stops = [{ type: TabStopType.RIGHT, position: mm(156) }];
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: mm(10), after: 200 },
      children: [run(b.masthead, { size: 80, color: RED, font: FONTS.title })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(b.issue)], spacing: exact }),
    new Paragraph({
      tabStops: stops,
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 12, space: 6 } },
      spacing: { ...exact, after: LINE },
      children: [
        run(`编印：${b.compiledBy}`, { size: SIZE.siHao }),
        tab(SIZE.siHao),
        run(b.date, { size: SIZE.siHao }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(b.title, { size: SIZE.erHao, font: FONTS.title })],
      spacing: { line: 700, lineRule: 'exact', after: LINE / 2 },
    }),
  ];
  for (const block of b.blocks) {
    if (block.kind === 'table') children.push(...docxTable(block.table!));
    else if (block.kind === 'heading')
      children.push(
        new Paragraph({
          children: [run(block.text!, { font: FONTS.hei })],
          indent: { firstLine: 2 * CHAR },
          spacing: exact,
          keepNext: true,
        }),
      );
    else
      children.push(
        new Paragraph({
          children: [...(block.lead ? [run(block.lead, { font: FONTS.kai })] : []), run(block.text!)],
          indent: { firstLine: 2 * CHAR },
          spacing: exact,
          alignment: AlignmentType.JUSTIFIED,
        }),
      );
  }
  if (b.sendTo)
    children.push(
      new Paragraph({
        spacing: { ...exact, before: LINE },
        border: {
          top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
          bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
        },
        indent: { left: CHAR, right: CHAR },
        children: [run(`报送：${b.sendTo}。`, { size: SIZE.siHao })],
      }),
    );
  const doc = new Document({
    title: `${b.masthead} ${b.issue}`,
    creator: b.compiledBy,
    evenAndOddHeaderAndFooters: true,
    sections: [{ properties: { page: portrait }, footers: pageNumberFooters(), children }],
  });
  mirrorMargins(doc);
  return Packer.toBuffer(doc);
}

const pageNumber = (side: 'left' | 'right') =>
  `content: "— " counter(page) " —"; font-family: ${FONT.song}; font-size: 14pt; vertical-align: top; padding-top: 7mm; padding-${side}: 16pt; text-align: ${side};`;

function briefHtml(b: Brief): string {
  const table = (t: BriefTable) => {
    const last = t.columns.length - 1;
    const rows = t.rows
      .map(
        (r) =>
          `<tr${r.flag ? ' class="flag"' : ''}>${r.cells
            .map((c, i) => `<td${r.flag && (i === last || i === 0) ? ' class="red"' : ''}>${esc(c)}</td>`)
            .join('')}</tr>`,
      )
      .join('');
    return `<p class="caption">${esc(t.caption)}</p><table><colgroup>${t.columns
      .map((c) => `<col style="width:${c.mm}mm">`)
      .join(
        '',
      )}</colgroup><thead><tr>${t.columns.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
  };
  const body = b.blocks
    .map((x) =>
      x.kind === 'table'
        ? table(x.table!)
        : x.kind === 'heading'
          ? `<h2>${esc(x.text!)}</h2>`
          : `<p>${x.lead ? `<span class="lead">${esc(x.lead)}</span>` : ''}${esc(x.text!)}</p>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(b.masthead)} ${esc(b.issue)}</title><style>
${fontFaces()}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-right { ${pageNumber('right')} } }
@page :left { margin-left: 26mm; margin-right: 28mm; @bottom-right { content: none; } @bottom-left { ${pageNumber('left')} } }
body { font-family: ${FONT.fang}; font-size: 16pt; line-height: 28.95pt; margin: 0; color: #000; }
.page { width: 156mm; }
.masthead { color: #e60012; font-family: ${FONT.title}; font-size: 40pt; line-height: 1.3; text-align: center; margin-top: 10mm; letter-spacing: 2pt; }
.issue { text-align: center; }
.line { display: flex; justify-content: space-between; font-size: 14pt; border-bottom: 0.6mm solid #e60012; padding-bottom: 2mm; margin-bottom: 28.95pt; }
h1 { font-family: ${FONT.title}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 35pt; margin: 0 0 14pt; }
h2 { font-family: ${FONT.hei}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; letter-spacing: -0.25pt; }
.lead { font-family: ${FONT.kai}; }
p.caption { font-family: ${FONT.hei}; font-size: 10.5pt; line-height: 16pt; text-align: center; text-indent: 0; margin-top: 4pt; break-after: avoid; }
table { border-collapse: collapse; table-layout: fixed; width: 156mm; font-size: 10.5pt; line-height: 13.5pt; margin-bottom: 6pt; }
th { font-family: ${FONT.hei}; font-weight: normal; }
th, td { border: 0.5pt solid #000; padding: 1pt 3pt; text-align: left; } thead { display: table-header-group; } tr { break-inside: avoid; }
tr.flag td { font-weight: bold; } td.red { color: #e60012; }
.send { margin-top: 28.95pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; font-size: 14pt; padding: 0 14pt; text-indent: 0; }
@media screen { body { margin: 2em auto; width: 156mm; } }
</style></head><body><div class="page">
<div class="masthead">${esc(b.masthead)}</div>
<div class="issue">${esc(b.issue)}</div>
<div class="line"><span>编印：${esc(b.compiledBy)}</span><span>${esc(b.date)}</span></div>
<h1>${esc(b.title)}</h1>
${body}
${b.sendTo ? `<p class="send">报送：${esc(b.sendTo)}。</p>` : ''}
</div></body></html>`;
}

/** The circulars of this month and of the latest month before it, and the follow-up at each report's clock. */
function followUpOf(opts: BriefOptions, period: string, today: string) {
  const issued = readIssued(opts.dataDir).filter((r) => r.period <= period);
  const latest = (p: (x: string) => boolean) =>
    issued
      .filter((r) => p(r.period))
      .sort((a, b) => b.period.localeCompare(a.period) || b.issued_at.localeCompare(a.issued_at))[0];
  const entities = (r: (typeof issued)[number] | undefined) =>
    r ? { report_no: r.report_no, entities: new Set(r.entries.map((e) => e.uscc)).size } : null;
  const { reports } = opts.config;
  const assignments = listAssignments(opts.dataDir, {
    date: today,
    clock: reportClock(today, reports.current_data_days),
  }).filter((a) => a.period <= period);
  return {
    screening: entities(latest((p) => p === period)),
    previousScreening: entities(latest((p) => p < period)),
    completion: completionByDepartment(assignments, establishmentOrder(reports.department_order, reports.coordinator)),
  };
}

export async function issueBrief(opts: BriefOptions): Promise<BriefResult> {
  const period = parsePeriod(opts.period);
  const published = await openPublished(opts.dataDir);
  try {
    const asOf = published.pointer.as_of;
    if (opts.asOf?.explicit && opts.asOf.value !== asOf) {
      throw new InputError(`--as-of ${opts.asOf.value} differs from the published build, which is as of ${asOf}`);
    }
    if (asOf < period.end || asOf > period.latestAsOf) {
      throw new InputError(
        `the published build is as of ${asOf}; a brief for ${period.period} needs a build as of ${period.end} to ${period.latestAsOf}`,
      );
    }
    const data = await readBriefData(
      published.db,
      opts.config.indicators.map((i) => i.id),
    );
    const today = todayInShanghai((opts.now ?? (() => new Date()))());
    const { reports } = opts.config;
    const brief = briefModel({
      period: period.period,
      asOf,
      today,
      data,
      compiledBy: reports.brief.compiled_by ?? reports.issuing_office,
      sendTo: reports.brief.send_to,
      ...followUpOf(opts, period.period, today),
    });
    const outDir = opts.outDir ?? paths.periodReports(opts.dataDir, period.period);
    mkdirSync(outDir, { recursive: true });
    const base = join(outDir, `brief-${period.period}`);
    const files: BriefResult['files'] = { docx: `${base}.docx`, html: `${base}.html`, pdf: null };
    writeFileSync(files.docx, await briefDocx(brief));
    writeFileSync(files.html, briefHtml(brief));
    let pdfSkipped: string | null = null;
    const chromium = opts.chromium === undefined ? CHROMIUM : opts.chromium;
    if (chromium && chromiumAvailable(chromium)) {
      files.pdf = `${base}.pdf`;
      await htmlFileToPdf(files.html, files.pdf, chromium);
    } else {
      pdfSkipped = chromium
        ? `no PDF: ${chromium} is not installed (apt-get install -y chromium fonts-wqy-microhei)`
        : 'no PDF: disabled';
      opts.log.warn(pdfSkipped);
    }
    return { data, brief, files, pdfSkipped };
  } finally {
    published.close();
  }
}
