/** 红黑榜: the red list (守信激励), the black list (失信惩戒) and who entered or left each month, and why. */
import { CHANGE_LABEL, LIST_LABEL, reasonsText } from '../../lib/lists/labels.js';
import { exportLinks } from '../ui/exportLinks.js';
import { html, type Html } from '../ui/html.js';
import { t, type Lang } from '../ui/i18n.js';
import { figures, profileHref, recordHref } from '../ui/parts.js';
import type { BlackEntry, ListChangeRow, RedEntry } from './query.js';

const entity = (r: { uscc: string; name: string | null }) =>
  html`<a href="${profileHref(r.uscc)}" data-value>${r.name ?? r.uscc}</a><br><code class="small">${r.uscc}</code>`;

function redTable(rows: readonly RedEntry[], lang: Lang): Html {
  if (rows.length === 0) return html`<p class="note">${t(lang, '本月没有主体符合红名单条件。')}</p>`;
  const heads = ['主体', '信用评分', '纳税信用A级年度'].map((h) => html`<th>${t(lang, h)}</th>`);
  const body = rows.map(
    (r) =>
      html`<tr data-uscc="${r.uscc}"><td>${entity(r)}</td><td class="num">${r.score}</td><td class="num">${r.tax_year}</td></tr>`,
  );
  return html`<table class="data red-list"><thead><tr>${heads}</tr></thead><tbody>${body}</tbody></table>`;
}

function blackTable(rows: readonly BlackEntry[], lang: Lang): Html {
  if (rows.length === 0) return html`<p class="note">${t(lang, '本月没有主体列入黑名单。')}</p>`;
  const heads = ['主体', '列入事由', '严重失信名单记录'].map((h) => html`<th>${t(lang, h)}</th>`);
  const body = rows.map(
    (
      r,
    ) => html`<tr data-uscc="${r.uscc}"><td>${entity(r)}</td><td>${reasonsText('black', 'stayed', r.reasons, lang)}</td>
      <td>${r.serious_entries.map((e) => html`<a class="small" href="${recordHref(e)}"><code>${e}</code></a><br>`)}</td></tr>`,
  );
  return html`<table class="data black-list"><thead><tr>${heads}</tr></thead><tbody>${body}</tbody></table>`;
}

function changesTable(rows: readonly ListChangeRow[], lang: Lang): Html {
  if (rows.length === 0) return html`<p class="note">${t(lang, '近12个月没有列入或移出。')}</p>`;
  const heads = ['月份', '榜单', '主体', '变动', '原因'].map((h) => html`<th>${t(lang, h)}</th>`);
  const body = rows.map(
    (
      r,
    ) => html`<tr data-uscc="${r.uscc}" data-change="${r.change}"><td>${r.month}</td><td>${LIST_LABEL[r.list][lang]}</td>
      <td>${entity(r)}</td><td>${CHANGE_LABEL[r.change][lang]}</td><td>${reasonsText(r.list, r.change, r.reasons, lang)}</td></tr>`,
  );
  return html`<table class="data list-changes"><thead><tr>${heads}</tr></thead><tbody>${body}</tbody></table>`;
}

export function listsBody(
  d: { red: RedEntry[]; black: BlackEntry[]; changes: ListChangeRow[]; month: string },
  lang: Lang,
): Html {
  const month = d.changes.filter((c) => c.month === d.month);
  return html`<h1>${t(lang, '红黑榜')}</h1><p class="lead">${t(lang, '红名单：信用等级A级、三年内无失信事件、纳税信用A级且无名单记录的主体（守信激励）；黑名单：列入严重失信主体名单或屡禁不止的主体（失信惩戒）。每月按月末逐月认定，条件见配置文件 lists。')}</p>
    ${figures(lang, [
      { n: d.red.length, label: t(lang, '红名单主体') },
      { n: d.black.length, label: t(lang, '黑名单主体') },
      { n: month.filter((c) => c.change === 'entered').length, label: t(lang, '本月新列入') },
      { n: month.filter((c) => c.change === 'left').length, label: t(lang, '本月移出') },
    ])}
    ${exportLinks(lang, '/lists/export')}
    <h2>${LIST_LABEL.red[lang]}</h2>${redTable(d.red, lang)}
    <h2>${LIST_LABEL.black[lang]}</h2>${blackTable(d.black, lang)}
    <h2>${t(lang, '列入与移出记录')}</h2>${changesTable(d.changes, lang)}`;
}
