/** 行业热力图: which sector is hottest where and when — the hottest cell first, then the map, then the drill-down. */
import type { CellEnterprise, HeatmapRow, HeatmapView } from '../../server/queries/pages/heatmap.js';
import { sectorHeatmap } from '../charts/sectorHeatmap.js';
import { chineseCount } from '../format.js';
import { html, trusted, type Html } from '../html.js';
import { regionName, sectorName } from '../labels.js';
import { figures, profileHref, withQuery } from './parts.js';

const TOP = 20;

const label = (view: HeatmapView, column: string | null) => (view === 'township' ? regionName(column) : (column ?? '—'));

export function heatmapBody(view: HeatmapView, cells: HeatmapRow[], opts: { drill: boolean; months: string[] }): Html {
  const rows = [...new Set(cells.map((c) => sectorName(c.sector)))];
  const hottest = [...cells].filter((c) => c.rate_per_100 !== null && c.enterprises >= 5).sort((a, b) => (b.rate_per_100 ?? 0) - (a.rate_per_100 ?? 0))[0];
  const events = cells.reduce((s, c) => s + c.events, 0);
  const columns = view === 'township' ? [...new Set(cells.map((c) => c.column))].sort().map((c) => label(view, c)) : [...new Set(cells.map((c) => c.column ?? ''))].sort();
  const chart = sectorHeatmap(
    cells.map((c) => ({
      row: sectorName(c.sector),
      column: label(view, c.column),
      events: c.events,
      enterprises: c.enterprises,
      rate: c.rate_per_100,
      href: opts.drill && c.events > 0 && c.sector ? withQuery('/heatmap/cell', { sector: c.sector, [view === 'township' ? 'region' : 'month']: c.column }) : null,
    })),
    { columnLabel: view === 'township' ? '乡镇（街道）' : '月份', columns, rows },
  );
  const period = opts.months.length ? `${opts.months[0]} 至 ${opts.months[opts.months.length - 1]}` : '';
  return html`<h1>行业热力图</h1>
  <p class="lead">${hottest
    ? html`最热的是 <strong>${sectorName(hottest.sector)} · ${label(view, hottest.column)}</strong>：每百户在营企业 <strong>${hottest.rate_per_100!.toFixed(1)}</strong> 起计入的违法事件（在营 5 户以上的格子中）。`
    : '统计期内没有计入的违法事件。'}</p>
  ${figures([{ n: events, label: `计入的违法事件（${period}）` }, { n: rows.length, label: '行业门类' }])}
  <nav class="tabs">
    <a href="/heatmap?view=township"${view === 'township' ? html` aria-current="page"` : ''}>行业 × 乡镇（街道）</a>
    <a href="/heatmap?view=month"${view === 'month' ? html` aria-current="page"` : ''}>行业 × 月份</a>
  </nav>
  <h2>${view === 'township' ? '各行业门类在各乡镇（街道）' : '各行业门类逐月'}的每百户违法事件数</h2>
  <p class="note">GB/T 4754 门类；颜色越深，每百户在营企业计入的违法事件越多。${opts.drill ? '点击格子查看背后的企业。' : ''}</p>
  <figure class="chart" data-chart="heatmap">${trusted(chart)}</figure>
  <h2>每百户事件最多的 ${Math.min(TOP, cells.filter((c) => c.events > 0).length)} 个格子</h2>
  <p class="note">全部格子见数据集 <a href="/api/v1/datasets/sector-heatmap?format=csv">sector-heatmap（CSV）</a>。</p>
  <table><thead><tr><th>行业门类</th><th>${view === 'township' ? '乡镇（街道）' : '月份'}</th><th class="num">事件</th><th class="num">在营企业</th><th class="num">每百户</th></tr></thead><tbody>
  ${[...cells].filter((c) => c.events > 0).sort((a, b) => (b.rate_per_100 ?? 0) - (a.rate_per_100 ?? 0)).slice(0, TOP).map(
    (c) => html`<tr><td>${sectorName(c.sector)}</td><td>${label(view, c.column)}</td>
      <td class="num">${opts.drill && c.sector ? html`<a href="${withQuery('/heatmap/cell', { sector: c.sector, [view === 'township' ? 'region' : 'month']: c.column })}">${chineseCount(c.events)}</a>` : chineseCount(c.events)}</td>
      <td class="num">${chineseCount(c.enterprises)}</td><td class="num">${c.rate_per_100 === null ? '—' : c.rate_per_100.toFixed(2)}</td></tr>`,
  )}</tbody></table>`;
}

export function cellBody(cell: { sector: string; region: string | null; month: string | null }, rows: CellEnterprise[]): Html {
  const where = [sectorName(cell.sector), cell.region ? regionName(cell.region) : null, cell.month].filter(Boolean).join(' · ');
  const events = rows.reduce((s, r) => s + r.events, 0);
  return html`<h1>${where}</h1>
  <p class="lead"><strong>${rows.length}</strong> 户企业共有 <strong>${events}</strong> 起计入的违法事件。</p>
  <p><a href="/heatmap?view=${cell.month ? 'month' : 'township'}">← 返回热力图</a></p>
  <table><thead><tr><th>企业</th><th>统一社会信用代码</th><th>乡镇（街道）</th><th class="num">事件</th><th>最近一次</th></tr></thead><tbody>
  ${rows.map((r) => html`<tr><td><a href="${profileHref(r.uscc)}">${r.name}</a></td><td><code>${r.uscc}</code></td><td>${regionName(r.region_code)}</td><td class="num">${r.events}</td><td>${r.last_event_date}</td></tr>`)}
  </tbody></table>`;
}
