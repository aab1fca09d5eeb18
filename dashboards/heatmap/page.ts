/** 行业热力图: which sector is hottest where and when — the hottest cell first, then the map, then the drill-down. */
import type { CellEnterprise, HeatmapRow, HeatmapView } from './query.js';
import { sectorHeatmap } from '../charts/sectorHeatmap.js';
import { html, trusted, type Html } from '../ui/html.js';
import { regionName, sectorName } from '../ui/labels.js';
import { count, say, t, v, type Lang } from '../ui/i18n.js';
import { exportLinks } from '../ui/exportLinks.js';
import { monthDays } from '../ui/months.js';
import { figures, profileHref, withQuery } from '../ui/parts.js';

export type HeatMeasure = 'rate' | 'count';

const TOP = 20;

/** A township's name is a data value (never translated); a month is ISO text. */
const label = (view: HeatmapView, column: string | null) =>
  view === 'township' ? regionName(column) : (column ?? '—');

export interface HeatmapOptions {
  drill: boolean;
  months: string[];
  lang: Lang;
  /** What the colour shows. */
  measure: HeatMeasure;
  /** Below this many active enterprises a cell's rate is not shaded, nor the hottest. */
  min: number;
}

/** The violators list narrowed to a cell: its sector and township, or its sector and month (by the last event). */
export function violatorsHref(view: HeatmapView, sector: string, column: string | null): string {
  if (view === 'township') return withQuery('/violators', { sector, township: column });
  return withQuery('/violators', column ? { sector, ...monthDays(column) } : { sector });
}

function controls(view: HeatmapView, opts: HeatmapOptions): Html {
  const { lang } = opts;
  const option = (value: HeatMeasure, label: string) =>
    html`<option value="${value}"${opts.measure === value ? html` selected` : ''}>${t(lang, label)}</option>`;
  return html`<form class="filters" method="get" action="/heatmap">
    <input type="hidden" name="view" value="${view}">
    <label>${t(lang, '显示')}<select name="measure">${option('rate', '每百户事件')}${option('count', '事件数')}</select></label>
    <label>${t(lang, '最少在营企业')}<input type="number" name="min" min="0" max="9999" value="${opts.min}"></label>
    <button type="submit">${t(lang, '应用')}</button>
  </form>`;
}

/** The states a cell can be in besides its colour, drawn as the chart draws them. */
function legend(opts: HeatmapOptions): Html {
  const { lang } = opts;
  const item = (state: string, label: string) =>
    html`<li><span class="swatch swatch-${state}" aria-hidden="true"></span>${t(lang, label)}</li>`;
  return html`<ul class="heat-legend" aria-label="${say(lang).heatmapLegend(opts.min, opts.measure)}">
    ${item('no_enterprises', '无在营企业')}${item('zero_events', '0 起事件')}${
      opts.measure === 'rate' ? item('too_few', '企业过少未着色') : ''
    }</ul>`;
}

export function heatmapBody(view: HeatmapView, cells: HeatmapRow[], opts: HeatmapOptions): Html {
  const { lang } = opts;
  const p = say(lang);
  const sector = (code: string | null) => t(lang, sectorName(code));
  const rows = [...new Set(cells.map((c) => sector(c.sector)))];
  const hottest = [...cells]
    .filter((c) => c.rate_per_100 !== null && c.enterprises >= Math.max(1, opts.min))
    .sort((a, b) => (b.rate_per_100 ?? 0) - (a.rate_per_100 ?? 0))[0];
  const events = cells.reduce((s, c) => s + c.events, 0);
  const columns =
    view === 'township'
      ? [...new Set(cells.map((c) => c.column))].sort().map((c) => label(view, c))
      : [...new Set(cells.map((c) => c.column ?? ''))].sort();
  const key = view === 'township' ? 'region' : 'month';
  const chart = sectorHeatmap(
    cells.map((c) => ({
      row: sector(c.sector),
      column: label(view, c.column),
      events: c.events,
      enterprises: c.enterprises,
      rate: c.rate_per_100,
      // A cell opens the violators list narrowed to it (issue 18 item 13); the table below lists its enterprises.
      href: opts.drill && c.events > 0 && c.sector ? violatorsHref(view, c.sector, c.column) : null,
    })),
    {
      columnLabel: t(lang, view === 'township' ? '乡镇（街道）' : '月份'),
      columns,
      rows,
      lang,
      measure: opts.measure,
      minEnterprises: opts.min,
    },
  );
  const period = opts.months.length ? p.period(opts.months[0]!, opts.months[opts.months.length - 1]!) : '';
  const column = (c: string | null) => (view === 'township' ? v(label(view, c)) : label(view, c));
  const lead = hottest
    ? p.hottest(
        html`${sector(hottest.sector)} · ${column(hottest.column)}`,
        hottest.rate_per_100!.toFixed(1),
        Math.max(1, opts.min),
      )
    : t(lang, '统计期内没有计入的违法事件。');
  const h = {
    sector: t(lang, '行业门类'),
    column: t(lang, view === 'township' ? '乡镇（街道）' : '月份'),
    events: t(lang, '事件'),
    enterprises: t(lang, '在营企业'),
    rate: t(lang, '每百户'),
    violators: t(lang, '违法主体名单'),
  };
  const row = (c: (typeof cells)[number]): Html => {
    const n = count(lang, c.events);
    const events =
      opts.drill && c.sector
        ? html`<a href="${withQuery('/heatmap/cell', { sector: c.sector, [key]: c.column })}">${n}</a>`
        : n;
    const rate = c.rate_per_100 === null ? '—' : c.rate_per_100.toFixed(2);
    const violators =
      opts.drill && c.sector
        ? html`<td><a href="${violatorsHref(view, c.sector, c.column)}">${h.violators}</a></td>`
        : '';
    return html`<tr><td>${sector(c.sector)}</td><td>${column(c.column)}</td>
      <td class="num">${events}</td>
      <td class="num">${count(lang, c.enterprises)}</td><td class="num">${rate}</td>${violators}</tr>`;
  };
  const tab = (to: HeatmapView, label_: string) =>
    html`<a href="${withQuery('/heatmap', { view: to, measure: opts.measure === 'rate' ? null : opts.measure, min: String(opts.min) })}"${
      view === to ? html` aria-current="page"` : ''
    }>${t(lang, label_)}</a>`;
  const top = [...cells]
    .filter((c) => c.events > 0 && c.enterprises >= Math.max(1, opts.min))
    .sort((a, b) => (b.rate_per_100 ?? 0) - (a.rate_per_100 ?? 0))
    .slice(0, TOP);
  // Township names on the chart's axis are data values: the figure is marked as data for that view.
  return html`<h1>${t(lang, '行业热力图')}</h1>
  <p class="lead">${lead}</p>
  ${figures(lang, [
    { n: events, label: p.countedEventsIn(period) },
    { n: rows.length, label: t(lang, '行业门类') },
  ])}
  <nav class="tabs">${tab('township', '行业 × 乡镇（街道）')}${tab('month', '行业 × 月份')}</nav>
  ${controls(view, opts)}
  <h2>${p.heatmapHeading(view)}</h2>
  <p class="note">${p.heatmapNote(opts.drill)}</p>
  ${legend(opts)}
  <figure class="chart heatmap-scroll" data-chart="heatmap"${view === 'township' ? html` data-value` : ''}>${trusted(chart)}</figure>
  <h2>${p.topCells(top.length)}</h2>
  <p class="note">${p.allCells}</p>
  ${exportLinks(lang, '/heatmap/export', { view })}
  <table><thead><tr><th>${h.sector}</th><th>${h.column}</th><th class="num">${h.events}</th><th class="num">${
    h.enterprises
  }</th><th class="num">${h.rate}</th>${opts.drill ? html`<th>${h.violators}</th>` : ''}</tr></thead><tbody>
  ${top.map(row)}</tbody></table>`;
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
  ${exportLinks(lang, '/heatmap/cell/export', { ...cell })}
  <table><thead><tr><th>${h.name}</th><th>${h.uscc}</th><th>${h.region}</th><th class="num">${h.events}</th><th>${
    h.last
  }</th></tr></thead><tbody>
  ${rows.map(row)}
  </tbody></table>`;
}
