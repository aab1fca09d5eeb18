/** 行业热力图: which sector is hottest where and when — the hottest cell first, then the map, then the drill-down. */
import type { CellEnterprise, HeatmapRow, HeatmapView } from './query.js';
import { sectorHeatmap } from '../charts/sectorHeatmap.js';
import { html, trusted, type Html } from '../ui/html.js';
import { regionName, sectorName } from '../ui/labels.js';
import { count, say, t, v, type Lang } from '../ui/i18n.js';
import { figures, profileHref, withQuery } from '../ui/parts.js';

const TOP = 20;

/** A township's name is a data value (never translated); a month is ISO text. */
const label = (view: HeatmapView, column: string | null) =>
  view === 'township' ? regionName(column) : (column ?? '—');

export function heatmapBody(
  view: HeatmapView,
  cells: HeatmapRow[],
  opts: { drill: boolean; months: string[]; lang: Lang },
): Html {
  const { lang } = opts;
  const p = say(lang);
  const sector = (code: string | null) => t(lang, sectorName(code));
  const rows = [...new Set(cells.map((c) => sector(c.sector)))];
  const hottest = [...cells]
    .filter((c) => c.rate_per_100 !== null && c.enterprises >= 5)
    .sort((a, b) => (b.rate_per_100 ?? 0) - (a.rate_per_100 ?? 0))[0];
  const events = cells.reduce((s, c) => s + c.events, 0);
  const columns =
    view === 'township'
      ? [...new Set(cells.map((c) => c.column))].sort().map((c) => label(view, c))
      : [...new Set(cells.map((c) => c.column ?? ''))].sort();
  const chart = sectorHeatmap(
    cells.map((c) => ({
      row: sector(c.sector),
      column: label(view, c.column),
      events: c.events,
      enterprises: c.enterprises,
      rate: c.rate_per_100,
      href:
        opts.drill && c.events > 0 && c.sector
          ? withQuery('/heatmap/cell', { sector: c.sector, [view === 'township' ? 'region' : 'month']: c.column })
          : null,
    })),
    { columnLabel: t(lang, view === 'township' ? '乡镇（街道）' : '月份'), columns, rows, lang },
  );
  const period = opts.months.length ? p.period(opts.months[0]!, opts.months[opts.months.length - 1]!) : '';
  const column = (c: string | null) => (view === 'township' ? v(label(view, c)) : label(view, c));
  const lead = hottest
    ? p.hottest(html`${sector(hottest.sector)} · ${column(hottest.column)}`, hottest.rate_per_100!.toFixed(1))
    : t(lang, '统计期内没有计入的违法事件。');
  const key = view === 'township' ? 'region' : 'month';
  const h = {
    sector: t(lang, '行业门类'),
    column: t(lang, view === 'township' ? '乡镇（街道）' : '月份'),
    events: t(lang, '事件'),
    enterprises: t(lang, '在营企业'),
    rate: t(lang, '每百户'),
  };
  const row = (c: (typeof cells)[number]): Html => {
    const n = count(lang, c.events);
    const events =
      opts.drill && c.sector
        ? html`<a href="${withQuery('/heatmap/cell', { sector: c.sector, [key]: c.column })}">${n}</a>`
        : n;
    const rate = c.rate_per_100 === null ? '—' : c.rate_per_100.toFixed(2);
    return html`<tr><td>${sector(c.sector)}</td><td>${column(c.column)}</td>
      <td class="num">${events}</td>
      <td class="num">${count(lang, c.enterprises)}</td><td class="num">${rate}</td></tr>`;
  };
  // Township names on the chart's axis are data values: the figure is marked as data for that view.
  return html`<h1>${t(lang, '行业热力图')}</h1>
  <p class="lead">${lead}</p>
  ${figures(lang, [
    { n: events, label: p.countedEventsIn(period) },
    { n: rows.length, label: t(lang, '行业门类') },
  ])}
  <nav class="tabs">
    <a href="/heatmap?view=township"${
      view === 'township' ? html` aria-current="page"` : ''
    }>${t(lang, '行业 × 乡镇（街道）')}</a>
    <a href="/heatmap?view=month"${view === 'month' ? html` aria-current="page"` : ''}>${t(lang, '行业 × 月份')}</a>
  </nav>
  <h2>${p.heatmapHeading(view)}</h2>
  <p class="note">${p.heatmapNote(opts.drill)}</p>
  <figure class="chart" data-chart="heatmap"${view === 'township' ? html` data-value` : ''}>${trusted(chart)}</figure>
  <h2>${p.topCells(Math.min(TOP, cells.filter((c) => c.events > 0).length))}</h2>
  <p class="note">${p.allCells}</p>
  <table><thead><tr><th>${h.sector}</th><th>${h.column}</th><th class="num">${h.events}</th><th class="num">${
    h.enterprises
  }</th><th class="num">${h.rate}</th></tr></thead><tbody>
  ${[...cells]
    .filter((c) => c.events > 0)
    .sort((a, b) => (b.rate_per_100 ?? 0) - (a.rate_per_100 ?? 0))
    .slice(0, TOP)
    .map(row)}</tbody></table>`;
}

export function cellBody(
  cell: { sector: string; region: string | null; month: string | null },
  rows: CellEnterprise[],
  lang: Lang,
): Html {
  const where = [
    html`${t(lang, sectorName(cell.sector))}`,
    cell.region ? v(regionName(cell.region)) : null,
    cell.month ? html`${cell.month}` : null,
  ]
    .filter((x): x is Html => x !== null)
    .map((x, i) => html`${i ? ' · ' : ''}${x}`);
  const events = rows.reduce((s, r) => s + r.events, 0);
  const h = {
    name: t(lang, '企业'),
    uscc: t(lang, '统一社会信用代码'),
    region: t(lang, '乡镇（街道）'),
    events: t(lang, '事件'),
    last: t(lang, '最近一次'),
  };
  const row = (r: CellEnterprise): Html => {
    const name = v(r.name);
    const region = v(regionName(r.region_code));
    return html`<tr><td><a href="${profileHref(r.uscc)}">${name}</a></td><td><code>${r.uscc}</code></td><td>${
      region
    }</td><td class="num">${r.events}</td><td>${r.last_event_date}</td></tr>`;
  };
  return html`<h1>${where}</h1>
  <p class="lead">${say(lang).cellLead(rows.length, events)}</p>
  <p><a href="/heatmap?view=${cell.month ? 'month' : 'township'}">${t(lang, '← 返回热力图')}</a></p>
  <table><thead><tr><th>${h.name}</th><th>${h.uscc}</th><th>${h.region}</th><th class="num">${h.events}</th><th>${
    h.last
  }</th></tr></thead><tbody>
  ${rows.map(row)}
  </tbody></table>`;
}
