/**
 * `sentinel report brief`: one A4 page for leaders — the headline counts, the sector heatmap, the
 * indicator scorecard and the top risks — as DOCX, HTML, and PDF when chromium is installed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import {
  AlignmentType,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Config } from '../../lib/config/schema.js';
import { InputError } from '../../lib/errors.js';
import type { Log } from '../../lib/log.js';
import { openPublished } from '../../lib/publish/reader.js';
import { formatIndicator, INDICATOR_LABELS, readBriefData, type BriefData } from './briefData.js';
import { heatmapImage, type HeatmapImage } from './heatmap.js';
import { esc } from './html.js';
import { CHROMIUM, chromiumAvailable, htmlFileToPdf } from './pdf.js';
import { chineseDate, chinesePeriod, parsePeriod } from './period.js';

export interface BriefOptions {
  dataDir: string;
  config: Readonly<Config>;
  period: string;
  outDir?: string;
  asOf?: { value: string; explicit: boolean };
  log: Log;
  chromium?: string | null;
}

export interface BriefResult {
  data: BriefData;
  files: { docx: string; html: string; pdf: string | null };
  pdfSkipped: string | null;
}

const LEVEL_LABEL: Record<string, string> = { red: '红色', orange: '橙色', yellow: '黄色', green: '绿色' };

function headline(d: BriefData, asOf: string): string {
  const met = d.indicators.filter((i) => i.met).length;
  const w = ['red', 'orange', 'yellow'].map((l) => `${LEVEL_LABEL[l]}${d.warningsByLevel[l] ?? 0}条`).join('、');
  return `截至${chineseDate(asOf)}，城市信用监测指标${d.indicators.length}项中达标${met}项；在办预警${w}；红色风险重点项目${d.redProjects}个。`;
}

const run = (text: string, size = 21, bold = false): TextRun =>
  new TextRun({
    text,
    size,
    bold,
    font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' },
  });
const cell = (text: string, bold = false): TableCell =>
  new TableCell({ children: [new Paragraph({ children: [run(text, 18, bold)] })] });
const table = (header: string[], rows: string[][], widths: number[]): Table =>
  new Table({
    width: { size: widths.reduce((a, b) => a + b), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });

function scorecardRows(d: BriefData): string[][] {
  return d.indicators.map((i) => [
    INDICATOR_LABELS[i.indicator_id] ?? i.indicator_id,
    formatIndicator(i.indicator_id, i.value),
    `${i.comparator} ${formatIndicator(i.indicator_id, i.target)}`,
    i.met ? '达标' : '未达标',
  ]);
}

function riskRows(d: BriefData): string[][] {
  return d.topRisks.map((r, i) => [String(i + 1), r.name ?? r.uscc, r.kind, String(r.event_count), r.last_event_date]);
}

const RISK_HEADER = ['序号', '主体名称', '类型', '计入事件数', '最近事件日期'];
const SCORE_HEADER = ['指标', '当前值', '目标', '状态'];

async function briefDocx(title: string, d: BriefData, asOf: string, heatmap: HeatmapImage | null): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(title, 32, true)] }),
    new Paragraph({ children: [run(headline(d, asOf))], spacing: { after: 120 } }),
  ];
  if (heatmap) {
    const width = 520;
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: heatmap.png.data,
            transformation: { width, height: Math.round((heatmap.png.height * width) / heatmap.png.width) },
          }),
        ],
      }),
    );
  }
  children.push(
    new Paragraph({ children: [run('城市信用监测指标', 22, true)] }),
    table(SCORE_HEADER, scorecardRows(d), [4700, 1700, 1900, 1566]),
    new Paragraph({ children: [run('重点风险主体', 22, true)], spacing: { before: 120 } }),
    table(RISK_HEADER, riskRows(d), [700, 3600, 3166, 1100, 1300]),
  );
  const doc = new Document({
    title,
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 850, bottom: 850, left: 1020, right: 1020 } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function briefHtml(title: string, d: BriefData, asOf: string, heatmap: HeatmapImage | null): string {
  const tbl = (header: string[], rows: string[][]): string =>
    `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const img = heatmap
    ? `<img src="data:image/png;base64,${heatmap.png.data.toString('base64')}" alt="行业热力图">`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page { size: A4; margin: 15mm 18mm; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 10pt; margin: 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6pt; } h2 { font-size: 11pt; margin: 8pt 0 3pt; }
img { display: block; width: 150mm; margin: 0 auto; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; } th, td { border: 1px solid #333; padding: 1pt 4pt; text-align: left; }
</style></head><body><h1>${esc(title)}</h1><p>${esc(headline(d, asOf))}</p>${img}
<h2>城市信用监测指标</h2>${tbl(SCORE_HEADER, scorecardRows(d))}<h2>重点风险主体</h2>${tbl(RISK_HEADER, riskRows(d))}</body></html>`;
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
    const heatmap = await heatmapImage(published.db, asOf, 640);
    const title = `${chinesePeriod(period.period)}信用风险监测简报`;
    const outDir = opts.outDir ?? paths.periodReports(opts.dataDir, period.period);
    mkdirSync(outDir, { recursive: true });
    const base = join(outDir, `brief-${period.period}`);
    const files: BriefResult['files'] = { docx: `${base}.docx`, html: `${base}.html`, pdf: null };
    writeFileSync(files.docx, await briefDocx(title, data, asOf, heatmap));
    writeFileSync(files.html, briefHtml(title, data, asOf, heatmap));
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
    return { data, files, pdfSkipped };
  } finally {
    published.close();
  }
}
