/**
 * The credit report as a printable A4 page, which chromium prints to the PDF (../pdf.ts). The look of
 * GB/T 9704: the office in red over a red rule, the title in 小标宋, headings in 黑体, the body in 仿宋
 * (with the CJK fonts a Debian machine has as fallbacks).
 */
import { chineseDate } from '../period.js';
import { metaPairs, reportBlocks, reportTitle, type Block } from './content.js';
import type { CreditReport } from './types.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const FANGSONG = `"FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "AR PL SungtiL GB", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif`;
const HEITI = `"SimHei", "黑体", "STHeiti", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif`;
const XIAOBIAOSONG = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "AR PL SungtiL GB", "Noto Serif CJK SC", serif`;

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: ${FANGSONG}; font-size: 16pt; line-height: 28pt; color: #000; margin: 0; }
.office { color: #e60012; font-family: ${XIAOBIAOSONG}; font-size: 20pt; text-align: center; margin: 0 0 10pt; }
.docno { text-align: center; border-bottom: 2px solid #e60012; padding-bottom: 8pt; margin-bottom: 18pt; }
h1 { font-family: ${XIAOBIAOSONG}; font-size: 22pt; text-align: center; font-weight: bold; line-height: 34pt; margin: 0 0 12pt; }
h2 { font-family: ${HEITI}; font-size: 16pt; font-weight: normal; margin: 10pt 0 2pt; text-indent: 2em; break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 15pt; margin: 4pt 0 8pt; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; word-break: break-all; }
th { font-family: ${HEITI}; font-weight: normal; }
table.meta th { width: 30%; } table.meta td { font-family: ${FANGSONG}; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.sign { text-align: right; margin-top: 24pt; }
`;

function table(head: readonly string[], rows: readonly string[][], widths?: readonly number[]): string {
  const cols = widths ? `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table>${cols}<thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function pairs(rows: ReadonlyArray<[string, string]>, cls = ''): string {
  const body = rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  return `<table${cls ? ` class="${cls}"` : ''}><tbody>${body}</tbody></table>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${esc(b.text)}</h2>`;
    case 'para':
      return `<p>${esc(b.text)}</p>`;
    case 'table':
      return table(b.head, b.rows, b.widths);
    case 'pairs':
      return pairs(b.rows);
  }
}

export function creditReportHtml(r: CreditReport, digest: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.report_no)} ${esc(reportTitle(r))}</title><style>${CSS}</style></head>
<body data-report-no="${esc(r.report_no)}">
<div class="office">${esc(r.issuing_office)}</div>
<div class="docno">${esc(r.report_no)}</div>
<h1>${esc(reportTitle(r))}</h1>
${pairs(metaPairs(r, digest), 'meta')}
${reportBlocks(r).map(block).join('\n')}
<div class="sign">${esc(r.issuing_office)}<br>${esc(chineseDate(r.issued_date))}</div>
</body></html>
`;
}
