/**
 * 移出与修复: records due to leave publication, per responsible department, with their due dates; a
 * department marks each one taken down (已移出). The build judges status at its as-of; a mark recorded since
 * shows at once as 已标记 and counts as done from the next build.
 */
import type { ExitMark } from '../../lib/exits/store.js';
import { exportLinks } from '../ui/exportLinks.js';
import { html, type Html } from '../ui/html.js';
import { t, type Lang } from '../ui/i18n.js';
import { figures, pager, profileHref, recordHref, select } from '../ui/parts.js';
import { EXIT_KINDS, EXIT_STATUSES, type DepartmentCounts, type ExitFilter, type ExitItem } from './query.js';

export const KIND_LABELS: Readonly<Record<string, string>> = {
  publication_ended: '公示期满',
  repair_decided: '已修复仍公示',
  serious_list_repaired: '严重失信名单期满已修复',
};

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  overdue: '逾期未移出',
  pending: '待移出',
  done: '已移出',
  marked: '已标记移出',
};

/** Items on one page: a city has thousands, and a page of all of them took seconds to send. */
export const EXITS_PAGE_SIZE = 100;

export interface ExitsPage {
  filter: ExitFilter;
  /** This page's items. */
  rows: ExitItem[];
  /** Items the filter keeps on every page, and those not done that are marked. */
  totals: { items: number; marked: number };
  offset: number;
  counts: DepartmentCounts[];
  /** Every department with items, for the credit office's filter; empty for a department user. */
  departments: string[];
  marks: ReadonlyMap<string, ExitMark>;
  /** Whether this user may mark the rows shown (department users their own; the credit office any). */
  mayMark: boolean;
  csrf: string;
  today: string;
  lang: Lang;
}

function statusCell(r: ExitItem, mark: ExitMark | undefined, lang: Lang): Html {
  if (r.status !== 'done' && mark)
    return html`<span class="status marked" data-status="marked">${t(lang, STATUS_LABELS.marked!)}</span><br><span class="small">${mark.done_date}</span>`;
  const done = r.completed_date ? html`<br><span class="small">${r.completed_date}</span>` : '';
  return html`<span class="status ${r.status}" data-status="${r.status}">${t(lang, STATUS_LABELS[r.status] ?? r.status)}</span>${done}`;
}

function markForm(r: ExitItem, v: ExitsPage): Html {
  const { lang } = v;
  return html`<form method="post" action="/exits/mark" class="inline mark">
    <input type="hidden" name="csrf" value="${v.csrf}"><input type="hidden" name="item_id" value="${r.item_id}">
    <input type="date" name="done_date" value="${v.today}" min="${r.trigger_date}" max="${v.today}" required aria-label="${t(lang, '移出日期')}">
    <input type="text" name="note" maxlength="500" placeholder="${t(lang, '备注')}" aria-label="${t(lang, '备注')}">
    <button type="submit">${t(lang, '标记已移出')}</button></form>`;
}

function itemsTable(v: ExitsPage): Html {
  const { lang } = v;
  if (v.rows.length === 0) return html`<p class="note">${t(lang, '没有符合条件的移出事项。')}</p>`;
  const heads = ['状态', '类型', '责任部门', '主体', '记录', '起算日', '应移出日期'].map(
    (h) => html`<th>${t(lang, h)}</th>`,
  );
  const body = v.rows.map((r) => {
    const mark = v.marks.get(r.item_id);
    const action = v.mayMark ? html`<td>${r.status === 'done' || mark ? '—' : markForm(r, v)}</td>` : '';
    const due = r.due_date ?? t(lang, '日历未覆盖');
    return html`<tr data-item="${r.item_id}"><td>${statusCell(r, mark, lang)}</td>
      <td>${t(lang, KIND_LABELS[r.kind] ?? r.kind)}</td><td data-value>${r.department}</td>
      <td><a href="${profileHref(r.uscc)}" data-value>${r.name ?? r.uscc}</a><br><code class="small">${r.uscc}</code></td>
      <td><a href="${recordHref(r.record_id)}"><code class="small">${r.record_id}</code></a></td><td>${r.trigger_date}</td><td>${due}</td>${action}</tr>`;
  });
  const actionHead = v.mayMark ? html`<th>${t(lang, '办理')}</th>` : '';
  return html`<table class="data exits"><thead><tr>${heads}${actionHead}</tr></thead><tbody>${body}</tbody></table>`;
}

function departmentTable(v: ExitsPage): Html {
  const { lang } = v;
  if (v.filter.department !== null || v.counts.length === 0) return html``;
  const rows = v.counts.map(
    (
      c,
    ) => html`<tr><td><a href="/exits?department=${encodeURIComponent(c.department)}" data-value>${c.department}</a></td>
      <td class="num">${c.items}</td><td class="num">${c.overdue}</td><td class="num">${c.pending}</td><td class="num">${c.done}</td></tr>`,
  );
  const heads = ['责任部门', '事项', '逾期未移出', '待移出', '已移出'].map((h) => html`<th>${t(lang, h)}</th>`);
  return html`<h2>${t(lang, '各部门办理情况')}</h2><table class="data by-department"><thead><tr>${heads}</tr></thead><tbody>${rows}</tbody></table>`;
}

export function exitsBody(v: ExitsPage): Html {
  const { lang, filter } = v;
  const total = (k: 'overdue' | 'pending' | 'done') => v.counts.reduce((n, c) => n + c[k], 0);
  const marked = v.totals.marked;
  const choices = (values: readonly string[], labels: Readonly<Record<string, string>>) =>
    values.map((x) => ({ value: x, label: t(lang, labels[x] ?? x) }));
  const departmentChoice =
    v.departments.length > 0
      ? select(
          lang,
          'department',
          t(lang, '责任部门'),
          filter.department,
          v.departments.map((d) => ({ value: d, label: d, data: true })),
        )
      : html``;
  const query = { department: filter.department, kind: filter.kind, status: filter.status };
  return html`<h1>${t(lang, '移出与修复')}</h1><p class="lead">${t(lang, '公示期满、已信用修复仍在公示、严重失信名单期满且已修复的记录，由责任部门在时限内撤下并标记已移出。')}</p>
    ${figures(lang, [
      { n: total('overdue'), label: t(lang, '逾期未移出') },
      { n: total('pending'), label: t(lang, '待移出') },
      { n: total('done'), label: t(lang, '已移出') },
      { n: marked, label: t(lang, '已标记移出（下次构建计入）') },
    ])}
    <form method="get" action="/exits" class="filters">${departmentChoice}
      ${select(lang, 'kind', t(lang, '类型'), filter.kind, choices(EXIT_KINDS, KIND_LABELS))}
      ${select(lang, 'status', t(lang, '状态'), filter.status, choices(EXIT_STATUSES, STATUS_LABELS))}
      <button type="submit">${t(lang, '筛选')}</button></form>
    ${departmentTable(v)}
    <h2>${t(lang, '移出事项')}</h2>
    ${exportLinks(lang, '/exits/export', query)}
    ${itemsTable(v)}
    ${v.totals.items > EXITS_PAGE_SIZE ? pager(lang, '/exits', query, v.totals.items, v.offset, EXITS_PAGE_SIZE) : ''}`;
}
