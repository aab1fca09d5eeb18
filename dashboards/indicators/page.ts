/** 信用监测指标: how many indicators meet their targets — the count first, the scorecard, then the monthly trend. */
import type { IndicatorTrendRow } from './query.js';
import type { IndicatorRow, MonthlyRate } from '../publicity/query.js';
import { indicatorSparkline } from '../charts/indicatorSparkline.js';
import { monthlyTrend } from '../charts/monthlyTrend.js';
import { html, trusted, type Html } from '../ui/html.js';
import { formatIndicator } from '../../lib/indicatorUnits.js';
import { INDICATORS } from '../ui/labels.js';
import { exportLinks } from '../ui/exportLinks.js';
import { figures } from '../ui/parts.js';
import { say, t, type Lang } from '../ui/i18n.js';

const COMPARATORS: Record<string, string> = { '>=': '≥', '>': '>', '<': '<', '<=': '≤' };

/** The indicator's one unit (lib/indicatorUnits.ts): the table, the charts and the export agree. */
const value = formatIndicator;

/** In the order of rules.md §8 (the office's scorecard), unknown ids last. */
const ORDER = Object.keys(INDICATORS);
const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);

/**
 * Indicators whose monthly values cannot differ: the register's wrong-code rate is computed on the as-of
 * register, which keeps no history by date (models/intermediate/int_indicators_measured.sql). Drawing it
 * as a line would show a trend the data cannot have.
 */
export const FLAT_BY_CONSTRUCTION: ReadonlySet<string> = new Set(['uscc_error_rate']);

/** One small chart per indicator with its target as a dashed rule, in scorecard order. */
function trendGrid(rows: IndicatorRow[], trend: IndicatorTrendRow[], lang: Lang): Html {
  if (trend.length === 0) return html`<p class="note">${t(lang, '本次构建没有逐月指标序列。')}</p>`;
  return html`<div class="multiples">${rows.map((r) => {
    const points = trend.filter((x) => x.indicator_id === r.indicator_id);
    const chart = FLAT_BY_CONSTRUCTION.has(r.indicator_id)
      ? html`<p class="note flat">${value(r.indicator_id, r.value)} · ${t(lang, '按构建时点的法人库计算，逐月相同，不绘趋势。')}</p>`
      : trusted(indicatorSparkline(points, { target: r.target, format: (v) => value(r.indicator_id, v), lang }));
    return html`<figure class="chart small" data-indicator="${r.indicator_id}"><figcaption>${t(lang, INDICATORS[r.indicator_id] ?? r.indicator_id)}
      <span class="small">${say(lang).targetIs(COMPARATORS[r.comparator] ?? r.comparator, value(r.indicator_id, r.target))}</span></figcaption>${chart}</figure>`;
  })}</div>`;
}

export function indicatorsBody(
  unordered: IndicatorRow[],
  monthly: MonthlyRate[],
  trend: IndicatorTrendRow[],
  lang: Lang,
): Html {
  const rows = [...unordered].sort(
    (a, b) => rank(a.indicator_id) - rank(b.indicator_id) || (a.indicator_id < b.indicator_id ? -1 : 1),
  );
  const met = rows.filter((r) => r.met).length;
  return html`<h1>${t(lang, '信用监测指标')}</h1>
  <p class="lead">${say(lang).indicatorsLead(rows.length, met)}</p>
  ${figures(lang, [
    { n: met, label: t(lang, '达标') },
    { n: rows.length - met, label: t(lang, '未达标') },
  ])}
  ${exportLinks(lang, '/indicators/export')}
  <table><thead><tr><th>${t(lang, '指标')}</th><th class="num">${t(lang, '当前值')}</th><th class="num">${t(lang, '目标')}</th><th>${t(lang, '结果')}</th></tr></thead><tbody>
  ${rows.map(
    (
      r,
    ) => html`<tr><td>${t(lang, INDICATORS[r.indicator_id] ?? r.indicator_id)}<br><code class="small">${r.indicator_id}</code></td><td class="num">${value(r.indicator_id, r.value)}</td>
    <td class="num">${COMPARATORS[r.comparator] ?? r.comparator} ${value(r.indicator_id, r.target)}</td><td>${r.met ? html`<span class="met">✔ ${t(lang, '达标')}</span>` : html`<span class="unmet">✘ ${t(lang, '未达标')}</span>`}</td></tr>`,
  )}
  </tbody></table>
  <h2>${t(lang, '逐月趋势：各项指标与目标')}</h2>
  <p class="note">${t(lang, '每月按该月最后一天（本月为构建时点）计算，虚线为目标，实心点为达标月份；记录按构建时点的数据判定，企业数等分母取构建时点的法人库。')}</p>
  ${trendGrid(rows, trend, lang)}
  <h2>${t(lang, '逐月趋势：双公示及时率与合规率')}</h2>
  <p class="note">${t(lang, '每月按当月作出的决定计算。')}</p>
  <figure class="chart">${trusted(
    monthlyTrend(
      monthly.flatMap((m) => [
        { month: m.month, series: t(lang, '及时率'), value: m.timely_rate },
        { month: m.month, series: t(lang, '合规率'), value: m.compliance_rate },
      ]),
      { yLabel: t(lang, '比率'), percent: true, lang },
    ),
  )}</figure>`;
}
