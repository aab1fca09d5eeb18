/** 搜索: the entities a query matches, best match first, each with its badges and a link to its profile. */
import { html, type Html } from '../ui/html.js';
import { t, v, type Lang } from '../ui/i18n.js';
import { regionName } from '../ui/labels.js';
import { pager, profileHref } from '../ui/parts.js';
import { BADGES, MATCH_LABELS } from './labels.js';
import { searchSay } from './phrases.js';
import type { SearchHit, SearchQuery } from './query.js';
import { gradeBadge } from '../grades/page.js';

export function badges(lang: Lang, codes: readonly string[]): Html {
  return html`${codes.map((c) => {
    const b = BADGES[c];
    return b ? html`<span class="level level-${b.level}" data-badge="${c}">${t(lang, b.label)}</span> ` : '';
  })}`;
}

function hitRow(lang: Lang, h: SearchHit): Html {
  const sep = lang === 'en' ? ', ' : '、';
  const former = h.former_names.length
    ? html`<br><small class="note">${searchSay(lang).formerName(h.former_names.join(sep))}</small>`
    : '';
  const status = h.registration_status === null ? t(lang, '不在登记库中') : v(h.registration_status);
  return html`<tr data-uscc="${h.uscc}">
    <td><a href="${profileHref(h.uscc)}">${v(h.name)}</a>${former}</td>
    <td><code>${h.uscc}</code></td>
    <td>${status}</td>
    <td>${h.region_code === null ? '—' : v(regionName(h.region_code))}</td>
    <td>${h.grade ? gradeBadge(lang, h.grade) : ''} ${badges(lang, [...h.lists, ...h.flags])}</td>
    <td>${t(lang, MATCH_LABELS[h.matched_by] ?? h.matched_by)}</td>
  </tr>`;
}

export function searchBody(r: {
  query: SearchQuery;
  total: number;
  rows: SearchHit[];
  offset: number;
  limit: number;
  lang: Lang;
}): Html {
  const { lang } = r;
  const heads = ['名称', '统一社会信用代码', '登记状态', '乡镇（街道）', '名单与标记', '匹配'];
  const table = r.rows.length
    ? html`<table class="search-results"><thead><tr>${heads.map((h) => html`<th>${t(lang, h)}</th>`)}</tr></thead>
      <tbody>${r.rows.map((h) => hitRow(lang, h))}</tbody></table>
      ${pager(lang, '/search', { q: r.query.text }, r.total, r.offset, r.limit)}`
    : html`<p class="note">${t(lang, '没有找到匹配的主体。')}</p>`;
  return html`<h1>${t(lang, '搜索')}</h1>
  <p class="lead">${searchSay(lang).lead(r.query.text, r.total)}</p>
  ${table}`;
}
