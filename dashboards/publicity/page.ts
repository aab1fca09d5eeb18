/** 双公示质量: are departments reporting on time and correctly — the month's ranking and the trend against targets. */
import type { DepartmentMonth, IndicatorRow, MonthlyRate } from './query.js';
import { monthlyTrend } from '../charts/monthlyTrend.js';
import { html, trusted, type Html } from '../ui/html.js';
import { count, say, t, v as data, type Lang } from '../ui/i18n.js';
import { exportLinks } from '../ui/exportLinks.js';
import { figures, percent, select } from '../ui/parts.js';

export function publicityBody(
  v: {
    month: string | null;
    months: string[];
    /** The month the department warnings judge (dashboards/ui/months.ts). */
    judged: string;
    /** The page's own parameters, for the export links. */
    exportQuery: Record<string, string | null>;
    /** Null: no link to the 退回清单; '' every department's rows; else the department whose rows it holds. */
    returns: string | null;
    ranking: DepartmentMonth[];
    monthly: MonthlyRate[];
    indicators: IndicatorRow[];
  },
  lang: Lang,
): Html {
  const p = say(lang);
  const target = (id: string) => v.indicators.find((i) => i.indicator_id === id) ?? null;
  const tm = target('publicity_timeliness');
  const c = target('publicity_compliance');
  const below = v.ranking.filter(
    (r) => (tm && r.timely_rate < tm.target) || (c && r.compliance_rate < c.target),
  ).length;
  const last = v.monthly[v.monthly.length - 1];
  // A month the build has no rows for says so, rather than "0 departments below target".
  const empty = v.month !== null && v.ranking.length === 0;
  const trend = (key: 'timely_rate' | 'compliance_rate', label: string, ind: IndicatorRow | null) =>
    monthlyTrend(
      v.monthly.map((m) => ({ month: m.month, series: label, value: m[key] })),
      {
        yLabel: label,
        percent: true,
        target: ind ? { value: ind.target, label: p.target(percent(ind.target)) } : null,
        lang,
      },
    );
  return html`<h1>${t(lang, '双公示质量')}</h1>
  <p class="lead">${
    empty
      ? p.noDataFor(v.month ?? '')
      : p.publicityLead(
          percent(tm?.value ?? null),
          percent(tm?.target ?? null),
          percent(c?.value ?? null),
          percent(c?.target ?? null),
          v.month ?? '',
          below,
        )
  }</p>
  ${figures(lang, [
    { n: percent(tm?.value ?? null), label: t(lang, '近一年及时率') },
    { n: percent(c?.value ?? null), label: t(lang, '近一年合规率') },
    { n: last ? last.records : 0, label: p.recordsIn(last?.month ?? '') },
    { n: empty ? '—' : below, label: empty ? p.noDataFor(v.month ?? '') : p.belowIn(v.month ?? '') },
  ])}
  <h2>${t(lang, '上报及时率逐月趋势')}</h2>
  <figure class="chart">${trusted(trend('timely_rate', t(lang, '及时率'), tm))}</figure>
  <h2>${t(lang, '数据合规率逐月趋势')}</h2>
  <figure class="chart">${trusted(trend('compliance_rate', t(lang, '合规率'), c))}</figure>
  <h2>${t(lang, '部门排名')}</h2>
  <p class="note">${p.judgedMonthNote(v.judged)}</p>
  <form class="filters" method="get" action="/publicity">${select(
    lang,
    'month',
    t(lang, '月份'),
    v.month,
    v.months.map((m) => ({ value: m, label: m })),
  )}<button type="submit">${t(lang, '查看')}</button></form>
  ${exportLinks(lang, '/publicity/export', v.exportQuery)}
  ${
    v.returns === null
      ? ''
      : html`<p class="exports">${t(lang, v.returns ? '本部门退回清单' : '退回清单')}${lang === 'en' ? ': ' : '：'}<a href="/quarantine/returns" download>${t(
          lang,
          '退回清单（XLSX）',
        )}</a></p>`
  }
  ${empty ? html`<p class="empty">${p.noDataFor(v.month ?? '')}</p>` : ''}
  <table><thead><tr><th class="num">${t(lang, '名次')}</th><th>${t(lang, '部门')}</th><th class="num">${t(lang, '记录')}</th><th class="num">${t(lang, '及时')}</th><th class="num">${t(lang, '及时率')}</th><th class="num">${t(lang, '合规')}</th><th class="num">${t(lang, '合规率')}</th></tr></thead><tbody>
  ${v.ranking.map(
    (
      r,
    ) => html`<tr><td class="num">${r.rank}</td><td>${data(r.department)}</td><td class="num">${count(lang, r.records)}</td><td class="num">${count(lang, r.timely)}</td>
    <td class="num${tm && r.timely_rate < tm.target ? ' below' : ''}">${percent(r.timely_rate)}</td><td class="num">${count(lang, r.compliant)}</td><td class="num${c && r.compliance_rate < c.target ? ' below' : ''}">${percent(r.compliance_rate)}</td></tr>`,
  )}
  </tbody></table>`;
}
