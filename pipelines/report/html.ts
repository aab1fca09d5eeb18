/**
 * The screening report as a printable HTML page laid out like the DOCX (GB/T 9704, circular.ts): chromium
 * prints it to the PDF with the Fandol fonts (fonts.ts), page numbers in the page-margin boxes at the
 * outside corners, landscape annex pages, and the 版记 at the foot of the last page (even: circularPdf.ts).
 */
import { circular, type AnnexTable, type Circular } from './circular.js';
import { FONT, fontFaces } from './fonts.js';
import { officeSize, printedLineSize } from './official.js';
import type { ProseBlock } from './prose.js';
import type { ScreeningReport } from './types.js';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const pageNumber = (side: 'left' | 'right') =>
  `content: "— " counter(page) " —"; font-family: ${FONT.song}; font-size: 14pt; vertical-align: top; padding-top: 7mm; padding-${side}: 16pt; text-align: ${side};`;

/**
 * Paged media of GB/T 9704: 版心 156 × 225 mm (margins 37 / 26 / 35 / 28 mm, the 28 mm 订口 on the binding
 * side: left on odd pages, right on even pages), 3号仿宋 on a 28.95 pt line (22 lines) with 28 characters
 * to the line, page numbers "— N —" in 4号宋体 7 mm below the 版心, odd pages at the right and even pages
 * at the left. Annex pages are landscape with the same 版心 turned: the table head on the binding side of
 * an odd page and on the outer side of an even one (GB/T 9704 横排表格), so their top and bottom margins
 * swap. A page named `bare` (the blank page before a 版记 and that 版记, see circularPdf.ts) has no number.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-right { ${pageNumber('right')} } }
@page :left { margin-left: 26mm; margin-right: 28mm; @bottom-right { content: none; } @bottom-left { ${pageNumber('left')} } }
@page annex { size: A4 landscape; margin: 28mm 35mm 26mm 37mm; }
@page annex:left { margin: 26mm 35mm 28mm 37mm; }
@page bare { @bottom-left { content: none; } @bottom-right { content: none; } }
body { font-family: ${FONT.fang}; font-size: 16pt; line-height: 28.95pt; color: #000; margin: 0; }
.page { width: 156mm; }
.office { color: #e60012; font-family: ${FONT.title}; text-align: center; margin: calc(35mm - 28.95pt) 0 57.9pt; line-height: 1.2; }
.docno { text-align: center; border-bottom: 0.5mm solid #e60012; padding-bottom: 4mm; margin-bottom: 57.9pt; }
h1 { font-family: ${FONT.title}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 35pt; margin: 0 0 28.95pt; }
h2 { font-family: ${FONT.hei}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; letter-spacing: -0.25pt; }
p.to { text-indent: 0; }
.lead { font-family: ${FONT.kai}; }
.closing { break-inside: avoid; }
.notes { margin-top: 28.95pt; } .notes p { text-indent: 0; padding-left: 2em; } .notes p + p { padding-left: 5em; }
.sign { text-align: right; margin-top: 86.85pt; padding-right: 2em; text-indent: 0; }
.date { text-align: right; text-indent: 0; }
figure { margin: 6pt 0; text-align: center; break-inside: avoid; } figure svg, figure img { width: 110mm; height: auto; }
figcaption { font-family: ${FONT.song}; font-size: 10.5pt; line-height: 14pt; }
section.annex { page: annex; break-before: page; width: 225mm; }
.annex-label { font-family: ${FONT.hei}; text-indent: 0; }
.annex-title { font-family: ${FONT.title}; font-size: 22pt; line-height: 35pt; text-align: center; text-indent: 0; margin-bottom: 14pt; }
h3 { font-family: ${FONT.hei}; font-size: 14pt; font-weight: normal; margin: 10pt 0 4pt; break-after: avoid; }
table { border-collapse: collapse; table-layout: fixed; width: 225mm; font-size: 10.5pt; line-height: 13.5pt; }
th { font-family: ${FONT.hei}; font-weight: normal; text-align: center; }
th, td { border: 0.5pt solid #000; padding: 1pt 2pt; vertical-align: middle; text-align: left; overflow-wrap: anywhere; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.persistent td { font-weight: bold; }
.blank-page { page: bare; break-before: page; height: 1px; }
.banji.bare { page: bare; }
.banji { break-before: page; height: 225mm; width: 156mm; display: flex; flex-direction: column; justify-content: flex-end; font-size: 14pt; line-height: 28.95pt; }
.banji div { padding: 0 14pt; }
.banji .copy { border-top: 0.35mm solid #000; border-bottom: 0.25mm solid #000; padding-left: calc(14pt + 3em); text-indent: -3em; }
.banji .printed { display: flex; justify-content: space-between; border-bottom: 0.35mm solid #000; }
.banji .printed:first-child { border-top: 0.35mm solid #000; }
@media screen { body { margin: 2em auto; width: 225mm; } .banji { height: auto; margin-top: 3em; } }
`;

function prose(b: ProseBlock, figure: string): string {
  if (b.kind === 'heading') return `<h2>${esc(b.text)}</h2>`;
  if (b.kind === 'figure')
    return figure ? `<figure>${figure}<figcaption>${esc(b.text)}</figcaption></figure>` : '<p>本期无行业分布数据。</p>';
  const lead = b.lead ? `<span class="lead">${esc(b.lead)}</span>` : '';
  return `<p>${lead}${esc(b.text)}</p>`;
}

function table(t: AnnexTable): string {
  const cols = t.columns.map((c) => `<col style="width:${c.mm}mm">`).join('');
  const head = t.columns.map((c) => `<th>${esc(c.title)}</th>`).join('');
  const rows = t.rows
    .map(
      (r) =>
        `<tr${r.bold ? ' class="persistent"' : ''} data-uscc="${esc(r.uscc)}">${r.cells
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `${t.heading ? `<h3>${esc(t.heading)}</h3>` : ''}<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function closing(c: Circular): string {
  const one = c.annexNotes.length === 1;
  const notes = c.annexNotes
    .map((n, i) => `<p>${i === 0 ? '附件：' : ''}${one ? '' : `${i + 1}. `}${esc(n)}</p>`)
    .join('');
  const dateIndent = Math.max(0, 2 + c.signature.length - c.date.length - 2);
  return `<div class="notes">${notes}</div><p class="sign">${esc(c.signature)}</p><p class="date" style="padding-right:${dateIndent}em">${esc(c.date)}</p>`;
}

/**
 * 抄送 lines continue under the first name after the colon; 印发机关 … 印发日期 on one line, in 4号 or
 * smaller when a long office name and the date would not fit (printedLineSize, as the DOCX).
 */
function banji(c: Circular, bare: boolean): string {
  const b = c.banji;
  const copy = b.copyTo ? `<div class="copy">抄送：${esc(b.copyTo)}。</div>` : '';
  const size = printedLineSize(b.printedBy, b.printedOn);
  return `${bare ? '<div class="blank-page"></div>' : ''}<div class="banji${bare ? ' bare' : ''}">${copy}<div class="printed" style="font-size:${size}pt"><span>${esc(b.printedBy)}</span><span>${esc(b.printedOn)}</span></div></div>`;
}

/**
 * `blankBeforeBanji`: a blank page before the 版记 and neither numbered (GB/T 9704 7.5), for the print
 * whose annexes end on an even page (circularPdf.ts decides).
 */
export function screeningHtml(
  report: ScreeningReport,
  heatmapSvg: string | null,
  o: { blankBeforeBanji?: boolean } = {},
): string {
  const c = circular(report);
  const body = c.body.map((b) => prose(b, heatmapSvg ?? ''));
  // The last paragraph goes into the closing block, which never breaks: the signature never stands alone.
  const last = body.pop() ?? '';
  const annexes = c.annexes
    .map(
      (a) =>
        `<section class="annex"><p class="annex-label">${esc(a.label)}</p><p class="annex-title">${esc(a.title)}</p>${
          a.note ? `<p>${esc(a.note)}</p>` : ''
        }${a.tables.map(table).join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(c.docNo)} ${esc(c.title)}</title><style>${fontFaces()}
${PRINT_CSS}</style></head>
<body>
<div class="page">
<div class="office" style="font-size:${officeSize(c.office)}pt">${esc(c.office)}</div>
<div class="docno">${esc(c.docNo)}</div>
<h1>${esc(c.title)}</h1>
<p class="to">${esc(c.addressee)}</p>
${body.join('\n')}
<div class="closing">${last}${closing(c)}</div>
</div>
${annexes}
${banji(c, o.blankBeforeBanji === true)}
</body></html>
`;
}
