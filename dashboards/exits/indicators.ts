/**
 * The supervision loop's indicators (dataset supervision-indicators, docs/rules.md) on the 信用监测指标 page,
 * in a table of their own below rules.md §8's: they are not among the city's 13, and the `indicators`
 * dataset stays exactly those.
 */
import type { Db } from '../../lib/db.js';
import { formatIndicator } from '../../lib/indicatorUnits.js';
import { html, type Html } from '../ui/html.js';
import { t, type Lang } from '../ui/i18n.js';
import { supervisionIndicators, type SupervisionIndicator } from '../government/query.js';

export const SUPERVISION_INDICATORS: Readonly<Record<string, string>> = {
  serious_list_exit_share: '严重失信名单退出占比',
  repairs_in_time_share: '信用修复按时移出率',
  government_court_listed: '失信被执行的政府机构数（双清零）',
};

const COMPARATORS: Record<string, string> = { '>=': '≥', '>': '>', '<': '<', '<=': '≤' };

export function supervisionSection(rows: readonly SupervisionIndicator[], lang: Lang): Html {
  if (rows.length === 0) return html``;
  const body = rows.map(
    (
      r,
    ) => html`<tr data-indicator="${r.indicator_id}"><td>${t(lang, SUPERVISION_INDICATORS[r.indicator_id] ?? r.indicator_id)}</td>
      <td class="num">${formatIndicator(r.indicator_id, r.value)}</td>
      <td class="num">${COMPARATORS[r.comparator] ?? r.comparator} ${formatIndicator(r.indicator_id, r.target)}</td>
      <td>${r.met ? html`<span class="met">${t(lang, '达标')}</span>` : html`<span class="unmet">${t(lang, '未达标')}</span>`}</td></tr>`,
  );
  const heads = ['指标', '当前值', '目标', '是否达标'].map((h) => html`<th>${t(lang, h)}</th>`);
  return html`<section class="supervision-indicators"><h2>${t(lang, '移出修复与政务诚信指标')}</h2>
    <p class="note">${t(lang, '信用修复、名单退出和政务诚信的监测指标，目标见配置文件 supervision_indicators；不计入上方城市信用监测指标。')}</p>
    <table class="data"><thead><tr>${heads}</tr></thead><tbody>${body}</tbody></table></section>`;
}

export async function supervisionSectionOf(db: Db, lang: Lang): Promise<Html> {
  return supervisionSection(await supervisionIndicators(db), lang);
}
