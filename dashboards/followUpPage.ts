/**
 * 跟踪督办: the follow-up of issued screening reports. A department sees its own assignments, what needs
 * doing first; the credit office sees completion per department and drills to one; leaders and analysts
 * see the counts only.
 */
import type { Assignment, Completion } from '../pipelines/report/followUp.js';
import type { FollowUpView } from '../server/queries/followUp.js';
import { dateInProse } from './format.js';
import { html, type Html } from './html.js';
import { figures, percent, profileHref, withQuery } from './pages/parts.js';
import { FOLLOW_UP_STATUS, ROLE_IN_REPORT } from './followUpLabels.js';

export interface ListOptions {
  /** The department whose list this is. */
  department: string;
  /** Department users record actions; the credit office reads. */
  mayRecord: boolean;
  /** Where the page's own links point (the credit office's drill keeps ?department=). */
  query: Record<string, string | null>;
  /** A confirmation after an action was recorded. */
  notice?: string | null;
}

const count = (rows: readonly Assignment[], s: Assignment['status']) => rows.filter((a) => a.status === s).length;

function reportPicker(v: FollowUpView, query: Record<string, string | null>): Html {
  if (v.reports.length === 0) return html``;
  const selected = v.report ?? 'all';
  return html`<form class="filters" method="get" action="/follow-up">
    ${Object.entries(query).filter(([k, val]) => k !== 'report' && val).map(([k, val]) => html`<input type="hidden" name="${k}" value="${val}">`)}
    <label>筛查通报<select name="report">${v.reports.map(
      (r) => html`<option value="${r.report_no}"${r.report_no === selected ? html` selected` : ''}>${r.report_no}（${r.period}）</option>`,
    )}<option value="all"${selected === 'all' ? html` selected` : ''}>全部通报</option></select></label>
    <button type="submit">查看</button>
  </form>`;
}

function scope(v: FollowUpView): string {
  const r = v.reports.find((x) => x.report_no === v.report);
  return r ? `${r.report_no}（${r.period}，${dateInProse(r.report_date)}印发）` : '全部筛查通报';
}

function elsewhere(v: FollowUpView, query: Record<string, string | null>): Html {
  if (v.overdueElsewhere === 0 || v.report === null) return html``;
  return html`<p class="alert">往期通报另有 <a href="${withQuery('/follow-up', query, { report: 'all' })}">${v.overdueElsewhere} 项逾期未办</a>。</p>`;
}

function statusCell(a: Assignment): Html {
  return html`<span class="follow-up-status status-${a.status === 'overdue' ? 'fail' : a.status === 'done' ? 'pass' : 'warn'}" data-status="${a.status}">${FOLLOW_UP_STATUS[a.status]}</span>`;
}

const actionHref = (a: Assignment) => withQuery('/follow-up/record', {}, { report: a.report_no, uscc: a.uscc });

/** A department's assignments, overdue first, each with its latest action. */
export function followUpListBody(v: FollowUpView, o: ListOptions): Html {
  const rows = v.assignments;
  const exportHref = (format: string) => withQuery('/follow-up/export', o.query, { format, report: v.report ?? 'all' });
  return html`<h1>跟踪督办 · ${o.department}</h1>
  ${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
  <p class="lead">${scope(v)}交办本部门 <strong>${rows.length}</strong> 项，已办结 <strong>${count(rows, 'done')}</strong> 项，逾期未办 <strong>${count(rows, 'overdue')}</strong> 项（按 ${dateInProse(v.date)} 计）。</p>
  ${figures([
    { n: count(rows, 'overdue'), label: FOLLOW_UP_STATUS.overdue },
    { n: count(rows, 'pending'), label: FOLLOW_UP_STATUS.pending },
    { n: count(rows, 'done'), label: FOLLOW_UP_STATUS.done },
  ])}
  ${elsewhere(v, o.query)}
  ${reportPicker(v, o.query)}
  <p><a href="${exportHref('csv')}">导出 CSV</a> · <a href="${exportHref('xlsx')}">导出 Excel</a></p>
  ${rows.length === 0
    ? html`<p class="note">没有交办事项。</p>`
    : html`<table class="follow-up"><thead><tr><th>状态</th><th>企业</th><th>通报</th><th>职责</th><th>要求措施</th><th>办结期限</th><th>已采取措施</th>${o.mayRecord ? html`<th></th>` : ''}</tr></thead><tbody>
  ${rows.map((a) => html`<tr data-uscc="${a.uscc}" data-report="${a.report_no}"><td>${statusCell(a)}</td>
    <td><a href="${profileHref(a.uscc)}">${a.name ?? a.uscc}</a><br><code class="small">${a.uscc}</code></td>
    <td>${a.report_no}</td><td>${ROLE_IN_REPORT[a.role] ?? a.role}</td><td>${a.measure}</td><td>${a.due_date}</td>
    <td>${a.action ? html`${a.action.measure}（${a.action.action_date}）${a.action.note ? html`<br><span class="small">${a.action.note}</span>` : ''}` : '—'}</td>
    ${o.mayRecord ? html`<td><a class="record" href="${actionHref(a)}">${a.action ? '更新' : '登记措施'}</a></td>` : ''}</tr>`)}
  </tbody></table>`}`;
}

export interface CompletionOptions {
  /** The credit office drills to a department's list and exports; leaders and analysts read counts. */
  drill: boolean;
  query: Record<string, string | null>;
}

/** Completion per department: the counts first, then the table, the least complete first. */
export function followUpCompletionBody(v: FollowUpView, o: CompletionOptions): Html {
  const total = (k: 'assigned' | 'done' | 'pending' | 'overdue') => v.completion.reduce((s, c) => s + c[k], 0);
  const rows = [...v.completion].sort((a, b) => b.overdue - a.overdue || a.completion_rate - b.completion_rate || (a.department < b.department ? -1 : 1));
  const late = rows.filter((c) => c.overdue > 0).length;
  const name = (c: Completion) =>
    o.drill ? html`<a href="${withQuery('/follow-up', o.query, { department: c.department, report: v.report ?? 'all' })}">${c.department}</a>` : html`${c.department}`;
  const exportHref = (format: string) => withQuery('/follow-up/export', {}, { format, report: v.report ?? 'all' });
  return html`<h1>跟踪督办</h1>
  <p class="lead">${scope(v)}共交办 <strong>${total('assigned')}</strong> 项，办结率 <strong>${percent(total('assigned') ? total('done') / total('assigned') : null)}</strong>；<strong>${late}</strong> 个部门有逾期未办事项（按 ${dateInProse(v.date)} 计）。</p>
  ${figures([
    { n: total('assigned'), label: '交办事项' },
    { n: total('done'), label: FOLLOW_UP_STATUS.done },
    { n: total('pending'), label: FOLLOW_UP_STATUS.pending },
    { n: total('overdue'), label: FOLLOW_UP_STATUS.overdue },
  ])}
  ${o.drill ? elsewhere(v, o.query) : ''}
  ${reportPicker(v, o.query)}
  ${o.drill ? html`<p><a href="${exportHref('csv')}">导出办结情况 CSV</a> · <a href="${exportHref('xlsx')}">导出办结情况 Excel</a></p>` : ''}
  ${rows.length === 0
    ? html`<p class="note">尚未印发筛查通报，没有交办事项。</p>`
    : html`<h2>各部门办结情况</h2>
  <table class="completion"><thead><tr><th>部门</th><th class="num">交办</th><th class="num">已办结</th><th class="num">待办理</th><th class="num">已逾期</th><th class="num">办结率</th></tr></thead><tbody>
  ${rows.map((c) => html`<tr data-department="${c.department}"><td>${name(c)}</td><td class="num">${c.assigned}</td><td class="num">${c.done}</td><td class="num">${c.pending}</td><td class="num${c.overdue ? ' below' : ''}">${c.overdue}</td><td class="num">${percent(c.completion_rate)}</td></tr>`)}
  </tbody></table>`}`;
}
