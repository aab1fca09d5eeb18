/** The screening report as a printable HTML page (A4, CJK fonts first); chromium prints it to PDF. */
import { departmentRows } from './compose.js';
import { CHANGE_LABEL, DEPARTMENT_COLUMNS, domainText, reportTitle, shortEvidenceLines, typesOf } from './labels.js';
import { chineseDate } from './period.js';
import { reportProse } from './prose.js';
import type { ScreeningReport } from './types.js';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const PRINT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "仿宋_GB2312", "STFangsong", "WenQuanYi Micro Hei", "Noto Sans CJK SC", serif; font-size: 16pt; line-height: 28pt; color: #000; max-width: 160mm; margin: 2em auto; }
.office { color: #e60012; font-size: 22pt; text-align: center; font-weight: bold; letter-spacing: 2pt; margin: 0 0 12pt; }
.docno { text-align: center; border-bottom: 2px solid #e60012; padding-bottom: 8pt; margin-bottom: 24pt; }
h1 { font-size: 22pt; text-align: center; font-weight: bold; line-height: 32pt; }
h2 { break-after: avoid; font-family: "SimHei", "黑体", "WenQuanYi Micro Hei", sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.to { text-indent: 0; }
.sign { text-align: right; margin-top: 2em; }
figure { margin: 1em 0; text-align: center; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 10.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 13pt; margin: 6pt 0 18pt; }
th, td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; text-align: left; }
thead { display: table-header-group; } tr { page-break-inside: avoid; }
.persistent td { font-weight: bold; } .tag { border: 1px solid #000; padding: 0 2pt; }
.annex { page-break-before: always; font-family: "SimHei", "黑体", "WenQuanYi Micro Hei", sans-serif; text-indent: 0; }
@page annex { size: A4 landscape; margin: 28mm 26mm 26mm 28mm; }
.annexes { page: annex; max-width: none; }
@media print { body { margin: 0; max-width: none; } }
`;

function departmentTable(report: ScreeningReport, department: string): string {
  const rows = departmentRows(report, department).map((r, i) => {
    const domains = r.role === 'coordinator' ? (r.entity.cross?.domains ?? []) : r.domains;
    const cells = [
      String(i + 1),
      r.entity.uscc,
      r.entity.name ?? '',
      typesOf(r.entity).join('、'),
      domainText(domains, report.domainLabels),
      CHANGE_LABEL[r.entity.change],
      r.role === 'coordinator' ? `牵头协调（${r.entity.measure}）` : r.entity.measure,
      report.due_date,
    ].map((c) => `<td>${esc(c)}</td>`);
    const evidence = shortEvidenceLines(r.entity, report.domainLabels).map(esc).join('<br>');
    return `<tr${r.entity.persistent ? ' class="persistent"' : ''} data-uscc="${esc(r.entity.uscc)}">${cells.join('')}<td>${evidence}</td></tr>`;
  });
  return `<table><thead><tr>${DEPARTMENT_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function screeningHtml(report: ScreeningReport, heatmapSvg: string | null): string {
  const prose = reportProse(report)
    .map((b) => (b.kind === 'heading' ? `<h2>${esc(b.text)}</h2>` : `<p>${esc(b.text)}</p>`))
    .join('\n');
  const figure = heatmapSvg
    ? `<figure>${heatmapSvg}<figcaption>各行业门类计入事件数（格中数字）与每百户经营主体事件数（颜色深浅），截至${esc(chineseDate(report.as_of))}，近12个月</figcaption></figure>`
    : '<p>本期无行业分布数据。</p>';
  const departments = report.departments
    .map((d, i) => `<h2>${i + 1}. ${esc(d)}（${departmentRows(report, d).length}户）</h2>${departmentTable(report, d)}`)
    .join('\n');
  const resolved = report.resolved.length
    ? `<table><thead><tr><th>序号</th><th>统一社会信用代码</th><th>主体名称</th></tr></thead><tbody>${report.resolved
        .map((r, i) => `<tr><td>${i + 1}</td><td>${esc(r.uscc)}</td><td>${esc(r.name ?? '')}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p>本期无不再列入主体。</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(report.report_no)} ${esc(reportTitle(report))}</title><style>${PRINT_CSS}</style></head>
<body>
<div class="office">${esc(report.issuing_office)}</div>
<div class="docno">${esc(report.report_no)}</div>
<h1>${esc(reportTitle(report))}</h1>
<p class="to">各有关部门：</p>
${prose}
${figure}
<p>附件：1. 各责任部门名单（${report.departments.length}个部门）；2. 不再列入名单</p>
<div class="sign">${esc(report.issuing_office)}<br>${esc(chineseDate(report.as_of))}</div>
<section class="annexes">
<p class="annex">附件1</p>
${departments}
<p class="annex">附件2</p>
${resolved}
</section>
</body></html>
`;
}
