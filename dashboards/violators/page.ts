/** 违法主体: who violates again and again — the count first, then the filtered, sorted, paged table and its export. */
import type { FilterChoices, ViolatorFilter, ViolatorKind } from './query.js';
import { KINDS, sortable } from './query.js';
import { html, type Html } from '../ui/html.js';
import { regionName, sectorName } from '../ui/labels.js';
import { count, say, t, v as data, type Lang } from '../ui/i18n.js';
import { figures, pager, profileHref, select, withQuery } from '../ui/parts.js';

export const KIND_LABELS: Readonly<Record<ViolatorKind, string>> = {
  repeat: '同一领域频繁违法',
  cross: '多个领域多次违法',
  persistent: '屡禁不止',
};

export const COLUMN_LABELS: Readonly<Record<string, string>> = {
  uscc: '统一社会信用代码',
  name: '名称',
  domain: '领域',
  event_count: '事件数',
  first_event_date: '首次',
  last_event_date: '最近',
  domain_count: '领域数',
  domains: '领域',
  report_date: '通报日期',
  events_after_report: '通报后事件',
  sector: '行业门类',
  region_code: '乡镇（街道）',
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
  counts: Record<ViolatorKind, number> & { repeatEntities: number };
  lang: Lang;
}

function cell(col: string, v: unknown, labels: Map<string, string>, lang: Lang): Html | string {
  if (v === null || v === undefined) return '—';
  if (col === 'name' || col === 'uscc') return data(String(v));
  const domain = (d: string) => t(lang, labels.get(d) ?? d);
  if (col === 'domain') return domain(String(v));
  if (col === 'domains') return (v as string[]).map(domain).join(lang === 'en' ? ', ' : '、');
  if (col === 'sector') return t(lang, sectorName(String(v)));
  if (col === 'region_code') return data(regionName(String(v)));
  return typeof v === 'number' ? count(lang, v) : String(v);
}

export function violatorsBody(v: ViolatorsView): Html {
  const { lang } = v;
  const k = KINDS[v.filter.kind];
  const cols = [...k.columns, 'sector', 'region_code'].filter((c) => c !== 'uscc');
  const sortLink = (c: string) =>
    withQuery('/violators', v.query, {
      sort: c,
      dir: v.filter.sort === c && v.filter.desc ? 'asc' : 'desc',
      page: null,
    });
  const exportLink = (format: string) => withQuery('/violators/export', v.query, { page: null, format });
  const c = v.choices;
  const kindLabel = (kind: ViolatorKind) => t(lang, KIND_LABELS[kind]);
  return html`<h1>${t(lang, '违法主体')}</h1>
  <p class="lead">${say(lang).violatorsLead(v.total, kindLabel(v.filter.kind))}</p>
  ${v.filter.kind === 'repeat' ? html`<p class="note">${say(lang).repeatRows(v.counts.repeat, v.counts.repeatEntities)}</p>` : ''}
  ${figures(
    lang,
    (Object.keys(KIND_LABELS) as ViolatorKind[]).map((kind) => ({
      n: v.counts[kind],
      label: kind === 'repeat' ? t(lang, '同一领域频繁违法（主体×领域，行）') : kindLabel(kind),
      href: `/violators?kind=${kind}`,
    })),
  )}
  <form class="filters" method="get" action="/violators">
    <input type="hidden" name="kind" value="${v.filter.kind}">
    ${select(
      lang,
      'domain',
      t(lang, '领域'),
      v.filter.domain,
      c.domains.map((d) => ({ value: d.domain, label: t(lang, d.label) })),
    )}
    ${select(
      lang,
      'department',
      t(lang, '部门'),
      v.filter.department,
      c.departments.map((d) => ({ value: d, label: d, data: true })),
    )}
    ${select(
      lang,
      'township',
      t(lang, '乡镇（街道）'),
      v.filter.township,
      c.townships.map((x) => ({ value: x, label: regionName(x), data: true })),
    )}
    ${select(
      lang,
      'sector',
      t(lang, '行业门类'),
      v.filter.sector,
      c.sectors.map((s) => ({ value: s, label: `${s} ${t(lang, sectorName(s))}` })),
    )}
    <label>${t(lang, k.dateColumn === 'report_date' ? '通报日期' : '最近违法')}${lang === 'en' ? ' ' : ''}${t(lang, '从')}<input type="date" name="from" value="${v.filter.from ?? ''}"></label>
    <label>${t(lang, '至')}<input type="date" name="to" value="${v.filter.to ?? ''}"></label>
    <button type="submit">${t(lang, '筛选')}</button>
    <a href="/violators?kind=${v.filter.kind}">${t(lang, '清除')}</a>
  </form>
  <p class="exports">${say(lang).exportFilter}<a href="${exportLink('csv')}" download>CSV</a> · <a href="${exportLink('xlsx')}" download>XLSX</a></p>
  <table><thead><tr>${cols.map((col) =>
    sortable(v.filter.kind).includes(col)
      ? html`<th><a href="${sortLink(col)}">${t(lang, COLUMN_LABELS[col] ?? col)}${v.filter.sort === col ? (v.filter.desc ? ' ↓' : ' ↑') : ''}</a></th>`
      : html`<th>${t(lang, COLUMN_LABELS[col] ?? col)}</th>`,
  )}</tr></thead><tbody>
  ${v.rows.map(
    (r) =>
      html`<tr>${cols.map((col) =>
        col === 'name'
          ? html`<td><a href="${profileHref(String(r.uscc))}">${data(String(r.name ?? r.uscc))}</a><br><code class="small">${String(r.uscc)}</code></td>`
          : html`<td${typeof r[col] === 'number' ? html` class="num"` : ''}>${cell(col, r[col], v.domainLabels, lang)}</td>`,
      )}</tr>`,
  )}
  </tbody></table>
  ${pager(lang, '/violators', v.query, v.total, v.offset, v.limit)}`;
}
