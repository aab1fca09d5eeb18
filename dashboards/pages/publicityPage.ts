/** 双公示质量: are departments reporting on time and correctly — the month's ranking and the trend against targets. */
import type { DepartmentMonth, IndicatorRow, MonthlyRate } from '../../server/queries/pages/publicity.js';
import { monthlyTrend } from '../charts/monthlyTrend.js';
import { chineseCount } from '../format.js';
import { html, trusted, type Html } from '../html.js';
import { figures, percent, select } from './parts.js';

export function publicityBody(v: { month: string | null; months: string[]; ranking: DepartmentMonth[]; monthly: MonthlyRate[]; indicators: IndicatorRow[] }): Html {
  const target = (id: string) => v.indicators.find((i) => i.indicator_id === id) ?? null;
  const t = target('publicity_timeliness');
  const c = target('publicity_compliance');
  const below = v.ranking.filter((r) => (t && r.timely_rate < t.target) || (c && r.compliance_rate < c.target)).length;
  const last = v.monthly[v.monthly.length - 1];
  const trend = (key: 'timely_rate' | 'compliance_rate', label: string, ind: IndicatorRow | null) =>
    monthlyTrend(v.monthly.map((m) => ({ month: m.month, series: label, value: m[key] })), { yLabel: label, percent: true, target: ind ? { value: ind.target, label: `目标 ${percent(ind.target)}` } : null });
  return html`<h1>双公示质量</h1>
  <p class="lead">近一年上报及时率 <strong>${percent(t?.value ?? null)}</strong>（目标 ${percent(t?.target ?? null)}），合规率 <strong>${percent(c?.value ?? null)}</strong>（目标 ${percent(c?.target ?? null)}）；${v.month ?? ''} 有 <strong>${below}</strong> 个部门未达标。</p>
  ${figures([
    { n: percent(t?.value ?? null), label: '近一年及时率' },
    { n: percent(c?.value ?? null), label: '近一年合规率' },
    { n: last ? last.records : 0, label: `${last?.month ?? ''} 上报记录` },
    { n: below, label: `${v.month ?? ''} 未达标部门` },
  ])}
  <h2>上报及时率逐月趋势</h2>
  <figure class="chart">${trusted(trend('timely_rate', '及时率', t))}</figure>
  <h2>数据合规率逐月趋势</h2>
  <figure class="chart">${trusted(trend('compliance_rate', '合规率', c))}</figure>
  <h2>部门排名</h2>
  <form class="filters" method="get" action="/publicity">${select('month', '月份', v.month, v.months.map((m) => ({ value: m, label: m })))}<button type="submit">查看</button></form>
  <table><thead><tr><th class="num">名次</th><th>部门</th><th class="num">记录</th><th class="num">及时</th><th class="num">及时率</th><th class="num">合规</th><th class="num">合规率</th></tr></thead><tbody>
  ${v.ranking.map((r) => html`<tr><td class="num">${r.rank}</td><td>${r.department}</td><td class="num">${chineseCount(r.records)}</td><td class="num">${chineseCount(r.timely)}</td>
    <td class="num${t && r.timely_rate < t.target ? ' below' : ''}">${percent(r.timely_rate)}</td><td class="num">${chineseCount(r.compliant)}</td><td class="num${c && r.compliance_rate < c.target ? ' below' : ''}">${percent(r.compliance_rate)}</td></tr>`)}
  </tbody></table>`;
}
