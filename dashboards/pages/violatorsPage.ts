/** 违法主体: who violates again and again — the count first, then the filtered, sorted, paged table and its export. */
import type { FilterChoices, ViolatorFilter, ViolatorKind } from '../../server/queries/pages/violators.js';
import { KINDS, sortable } from '../../server/queries/pages/violators.js';
import { chineseCount } from '../format.js';
import { html, type Html } from '../html.js';
import { regionName, sectorName } from '../labels.js';
import { figures, pager, profileHref, select, withQuery } from './parts.js';

export const KIND_LABELS: Readonly<Record<ViolatorKind, string>> = { repeat: '同一领域频繁违法', cross: '多个领域多次违法', persistent: '屡禁不止' };

const COLUMN_LABELS: Readonly<Record<string, string>> = {
  uscc: '统一社会信用代码', name: '名称', domain: '领域', event_count: '事件数', first_event_date: '首次', last_event_date: '最近',
  domain_count: '领域数', domains: '领域', report_date: '通报日期', events_after_report: '通报后事件', sector: '行业门类', region_code: '乡镇（街道）',
};

export interface ViolatorsView {
  filter: ViolatorFilter;
  query: Record<string, string | null>;
  total: number;
  rows: Array<Record<string, unknown>>;
  offset: number;
  limit: number;
  choices: FilterChoices;
  domainLabels: Map<string, string>;
  counts: Record<ViolatorKind, number>;
}

function cell(col: string, v: unknown, labels: Map<string, string>): Html | string {
  if (v === null || v === undefined) return '—';
  if (col === 'name' || col === 'uscc') return String(v);
  if (col === 'domain') return labels.get(String(v)) ?? String(v);
  if (col === 'domains') return (v as string[]).map((d) => labels.get(d) ?? d).join('、');
  if (col === 'sector') return sectorName(String(v));
  if (col === 'region_code') return regionName(String(v));
  return typeof v === 'number' ? chineseCount(v) : String(v);
}

export function violatorsBody(v: ViolatorsView): Html {
  const k = KINDS[v.filter.kind];
  const cols = [...k.columns, 'sector', 'region_code'].filter((c) => c !== 'uscc');
  const sortLink = (c: string) => withQuery('/violators', v.query, { sort: c, dir: v.filter.sort === c && v.filter.desc ? 'asc' : 'desc', page: null });
  const exportLink = (format: string) => withQuery('/violators/export', v.query, { page: null, format });
  const c = v.choices;
  return html`<h1>违法主体</h1>
  <p class="lead">当前筛选下有 <strong data-total="${v.total}">${chineseCount(v.total)}</strong> 条${KIND_LABELS[v.filter.kind]}记录。</p>
  ${figures((Object.keys(KIND_LABELS) as ViolatorKind[]).map((kind) => ({ n: v.counts[kind], label: KIND_LABELS[kind], href: `/violators?kind=${kind}` })))}
  <form class="filters" method="get" action="/violators">
    <input type="hidden" name="kind" value="${v.filter.kind}">
    ${select('domain', '领域', v.filter.domain, c.domains.map((d) => ({ value: d.domain, label: d.label })))}
    ${select('department', '部门', v.filter.department, c.departments.map((d) => ({ value: d, label: d })))}
    ${select('township', '乡镇（街道）', v.filter.township, c.townships.map((t) => ({ value: t, label: regionName(t) })))}
    ${select('sector', '行业门类', v.filter.sector, c.sectors.map((s) => ({ value: s, label: `${s} ${sectorName(s)}` })))}
    <label>${k.dateColumn === 'report_date' ? '通报日期' : '最近违法'}从<input type="date" name="from" value="${v.filter.from ?? ''}"></label>
    <label>至<input type="date" name="to" value="${v.filter.to ?? ''}"></label>
    <button type="submit">筛选</button>
    <a href="/violators?kind=${v.filter.kind}">清除</a>
  </form>
  <p class="exports">导出当前筛选：<a href="${exportLink('csv')}" download>CSV</a> · <a href="${exportLink('xlsx')}" download>XLSX</a></p>
  <table><thead><tr>${cols.map((col) =>
    sortable(v.filter.kind).includes(col)
      ? html`<th><a href="${sortLink(col)}">${COLUMN_LABELS[col] ?? col}${v.filter.sort === col ? (v.filter.desc ? ' ↓' : ' ↑') : ''}</a></th>`
      : html`<th>${COLUMN_LABELS[col] ?? col}</th>`,
  )}</tr></thead><tbody>
  ${v.rows.map((r) => html`<tr>${cols.map((col) =>
    col === 'name' ? html`<td><a href="${profileHref(String(r.uscc))}">${String(r.name ?? r.uscc)}</a><br><code class="small">${String(r.uscc)}</code></td>` : html`<td${typeof r[col] === 'number' ? html` class="num"` : ''}>${cell(col, r[col], v.domainLabels)}</td>`,
  )}</tr>`)}
  </tbody></table>
  ${pager('/violators', v.query, v.total, v.offset, v.limit)}`;
}
