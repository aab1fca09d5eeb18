/**
 * 跟踪督办: the follow-up of issued screening reports. A department sees its own assignments, what needs
 * doing first; the credit office sees completion per department and drills to one; leaders and analysts
 * see the counts only.
 */
import type { Assignment, Completion } from '../../lib/followUp/store.js';
import type { FollowUpView } from './query.js';
import { html, type Html } from '../ui/html.js';
import { figures, percent, profileHref, withQuery } from '../ui/parts.js';
import { DONE_LATE, FOLLOW_UP_STATUS, ROLE_IN_REPORT, ft, fw } from './labels.js';
import { dateText, label, say, t, v as data, type Lang } from '../ui/i18n.js';
import { escalationKey } from '../../lib/subscriptions/escalations.js';

export interface ListOptions {
  /** The department whose list this is. */
  department: string;
  /** Department users record actions; the credit office reads. */
  mayRecord: boolean;
  /** Where the page's own links point (the credit office's drill keeps ?department=). */
  query: Record<string, string | null>;
  /** A confirmation after an action was recorded. */
  notice?: Html | null;
  lang: Lang;
  /** Assignments escalated to the credit office (lib/subscriptions/escalations.ts keys), marked 升级. */
  escalated?: ReadonlySet<string>;
}

const escalatedMark = (lang: Lang): Html =>
  html` <span class="escalated level level-red" data-escalated>${t(lang, '升级')}</span>`;

const count = (rows: readonly Assignment[], s: Assignment['status']) => rows.filter((a) => a.status === s).length;

function reportPicker(v: FollowUpView, query: Record<string, string | null>, lang: Lang): Html {
  if (v.reports.length === 0) return html``;
  const selected = v.report ?? 'all';
  return html`<form class="filters" method="get" action="/follow-up">
    ${Object.entries(query)
      .filter(([k, val]) => k !== 'report' && val)
      .map(([k, val]) => html`<input type="hidden" name="${k}" value="${val}">`)}
    <label>${t(lang, '筛查通报')}<select name="report">${v.reports.map(
      (r) =>
        html`<option value="${r.report_no}"${
          r.report_no === selected ? html` selected` : ''
        } data-value>${r.report_no}（${r.period}）</option>`,
    )}<option value="all"${selected === 'all' ? html` selected` : ''}>${t(lang, '全部通报')}</option></select></label>
    <button type="submit">${t(lang, '查看')}</button>
  </form>`;
}

function scope(v: FollowUpView, lang: Lang): Html {
  const r = v.reports.find((x) => x.report_no === v.report);
  return r ? say(lang).scope(r.report_no, r.period, dateText(lang, r.report_date)) : html`${t(lang, '全部筛查通报')}`;
}

function elsewhere(v: FollowUpView, query: Record<string, string | null>, lang: Lang): Html {
  if (v.overdueElsewhere === 0 || v.report === null) return html``;
  const href = withQuery('/follow-up', query, { report: 'all' });
  return html`<p class="alert">${say(lang).overdueElsewhere(
    (text) => html`<a href="${href}">${text}</a>`,
    v.overdueElsewhere,
  )}</p>`;
}

function statusCell(a: Assignment, lang: Lang): Html {
  // 逾期办结: done, but after the due date; it counts as done and shows it was late.
  const tone =
    a.status === 'overdue' || a.late ? (a.status === 'done' ? 'warn' : 'fail') : a.status === 'done' ? 'pass' : 'warn';
  const text = a.late ? fw(lang, DONE_LATE) : t(lang, FOLLOW_UP_STATUS[a.status]);
  const late = a.late ? html` data-late` : '';
  return html`<span class="follow-up-status status-${tone}" data-status="${a.status}"${late}>${text}</span>`;
}

/** The note under the lead when the shown report runs on its own clock (old data). */
function clockNote(v: FollowUpView, lang: Lang): Html {
  return v.shifted ? html`<p class="note" data-clock="${v.date}">${ft(lang, 'shifted', v.date)}</p>` : html``;
}

const actionHref = (a: Assignment) => withQuery('/follow-up/record', {}, { report: a.report_no, uscc: a.uscc });

/** A department's assignments, overdue first, each with its latest action. */
export function followUpListBody(v: FollowUpView, o: ListOptions): Html {
  const { lang } = o;
  const p = say(lang);
  const rows = v.assignments;
  const exportHref = (format: string) => withQuery('/follow-up/export', o.query, { format, report: v.report ?? 'all' });
  const heads = ['状态', '企业', '通报', '职责', '要求措施', '办结期限', '已采取措施'].map(
    (h) => html`<th>${t(lang, h)}</th>`,
  );
  const lead = p.listLead(
    scope(v, lang),
    rows.length,
    count(rows, 'done'),
    count(rows, 'overdue'),
    dateText(lang, v.date),
  );
  const csv = exportHref('csv');
  const xlsx = exportHref('xlsx');
  const row = (a: Assignment): Html => {
    const role = t(lang, ROLE_IN_REPORT[a.role] ?? a.role);
    const note = a.action?.note ? html`<br><span class="small" data-value>${a.action.note}</span>` : '';
    const file = a.action?.attachment
      ? html`<br><a class="small attachment" href="/follow-up/attachments/${a.action.attachment.id}">${fw(lang, '佐证材料')}</a>`
      : '';
    const taken = a.action
      ? html`${p.takenOn(label(lang, a.action.measure), a.action.action_date)}${note}${file}`
      : '—';
    const verb = t(lang, a.action ? '更新' : '登记措施');
    const record = o.mayRecord ? html`<td><a class="record" href="${actionHref(a)}">${verb}</a></td>` : '';
    const up = o.escalated?.has(escalationKey(o.department, a.report_no, a.uscc)) ? escalatedMark(lang) : '';
    return html`<tr data-uscc="${a.uscc}" data-report="${a.report_no}"><td>${statusCell(a, lang)}${up}</td>
    <td><a href="${profileHref(a.uscc)}">${data(a.name ?? a.uscc)}</a><br><code class="small">${a.uscc}</code></td>
    <td>${data(a.report_no)}</td><td>${role}</td><td>${label(lang, a.measure)}</td><td>${a.due_date}</td>
    <td>${taken}</td>
    ${record}</tr>`;
  };
  return html`<h1>${p.listHeading(o.department)}</h1>
  ${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
  <p class="lead">${lead}</p>
  ${clockNote(v, lang)}
  ${figures(lang, [
    { n: count(rows, 'overdue'), label: t(lang, FOLLOW_UP_STATUS.overdue) },
    { n: count(rows, 'pending'), label: t(lang, FOLLOW_UP_STATUS.pending) },
    { n: count(rows, 'done'), label: t(lang, FOLLOW_UP_STATUS.done) },
    { n: rows.filter((a) => a.late).length, label: fw(lang, DONE_LATE) },
  ])}
  ${elsewhere(v, o.query, lang)}
  ${reportPicker(v, o.query, lang)}
  <p><a href="${csv}">${t(lang, '导出 CSV')}</a> · <a href="${xlsx}">${t(lang, '导出 Excel')}</a></p>
  ${
    rows.length === 0
      ? html`<p class="note">${t(lang, '没有交办事项。')}</p>`
      : html`<table class="follow-up"><thead><tr>${heads}${o.mayRecord ? html`<th></th>` : ''}</tr></thead><tbody>
  ${rows.map(row)}
  </tbody></table>`
  }`;
}

export interface CompletionOptions {
  /** The credit office drills to a department's list and exports; leaders and analysts read counts. */
  drill: boolean;
  query: Record<string, string | null>;
  lang: Lang;
  /** As in ListOptions: a department with an escalated assignment is marked 升级. */
  escalated?: ReadonlySet<string>;
}

/** The most overdue first, then the least complete: the order of the page's table and of its export. */
export const worstFirst = (rows: readonly Completion[]): Completion[] =>
  [...rows].sort(
    (a, b) => b.overdue - a.overdue || a.completion_rate - b.completion_rate || (a.department < b.department ? -1 : 1),
  );

/** Completion per department: the counts first, then the table, the least complete first. */
export function followUpCompletionBody(v: FollowUpView, o: CompletionOptions): Html {
  const { lang } = o;
  const total = (k: 'assigned' | 'done' | 'pending' | 'overdue') => v.completion.reduce((s, c) => s + c[k], 0);
  const rows = worstFirst(v.completion);
  const late = rows.filter((c) => c.overdue > 0).length;
  const name = (c: Completion) => {
    if (!o.drill) return data(c.department);
    const href = withQuery('/follow-up', o.query, { department: c.department, report: v.report ?? 'all' });
    return html`<a href="${href}" data-value>${c.department}</a>`;
  };
  const exportHref = (format: string) => withQuery('/follow-up/export', {}, { format, report: v.report ?? 'all' });
  const csv = exportHref('csv');
  const xlsx = exportHref('xlsx');
  const dept = t(lang, '部门');
  const numHeads = ['交办', '已办结', '待办理', '已逾期', '办结率'].map(
    (h) => html`<th class="num">${t(lang, h)}</th>`,
  );
  const heads = html`<th>${dept}</th>${numHeads}`;
  const assigned = total('assigned');
  const rate = percent(assigned ? total('done') / assigned : null);
  const lead = say(lang).completionLead(scope(v, lang), assigned, rate, late, dateText(lang, v.date));
  const row = (c: Completion): Html =>
    html`<tr data-department="${c.department}"><td>${name(c)}${
      [...(o.escalated ?? [])].some((k) => k.startsWith(`${c.department}\u0000`)) ? escalatedMark(lang) : ''
    }</td><td class="num">${c.assigned}</td><td class="num">${
      c.done
    }</td><td class="num">${c.pending}</td><td class="num${
      c.overdue ? ' below' : ''
    }">${c.overdue}</td><td class="num">${percent(c.completion_rate)}</td></tr>`;
  return html`<h1>${t(lang, '跟踪督办')}</h1>
  <p class="lead">${lead}</p>
  ${clockNote(v, lang)}
  ${figures(lang, [
    { n: total('assigned'), label: t(lang, '交办事项') },
    { n: total('done'), label: t(lang, FOLLOW_UP_STATUS.done) },
    { n: total('pending'), label: t(lang, FOLLOW_UP_STATUS.pending) },
    { n: total('overdue'), label: t(lang, FOLLOW_UP_STATUS.overdue) },
  ])}
  ${o.drill ? elsewhere(v, o.query, lang) : ''}
  ${reportPicker(v, o.query, lang)}
  ${
    o.drill
      ? html`<p><a href="${csv}">${t(lang, '导出办结情况 CSV')}</a> · <a href="${xlsx}">${t(lang, '导出办结情况 Excel')}</a></p>`
      : ''
  }
  ${
    rows.length === 0
      ? html`<p class="note">${t(lang, '尚未印发筛查通报，没有交办事项。')}</p>`
      : html`<h2>${t(lang, '各部门办结情况')}</h2>
  <table class="completion"><thead><tr>${heads}</tr></thead><tbody>
  ${rows.map(row)}
  </tbody></table>`
  }`;
}
