/** 登记措施: the form a department fills in after acting on one assignment. */
import type { Assignment } from '../pipelines/report/followUp.js';
import { html, type Html } from './html.js';
import { FOLLOW_UP_STATUS, MEASURES, ROLE_IN_REPORT } from './followUpLabels.js';

export interface FormValues {
  measure: string;
  action_date: string;
  note: string;
}

export function followUpFormBody(a: Assignment, v: { csrf: string; values: FormValues; today: string; back: string; error?: string | null }): Html {
  return html`<h1>登记措施</h1>
  <table class="kv">
    <tr><th>企业</th><td>${a.name ?? a.uscc}（<code>${a.uscc}</code>）</td></tr>
    <tr><th>筛查通报</th><td>${a.report_no}（${a.period}，${a.report_date}）</td></tr>
    <tr><th>职责</th><td>${ROLE_IN_REPORT[a.role] ?? a.role}</td></tr>
    <tr><th>要求措施</th><td>${a.measure}</td></tr>
    <tr><th>办结期限</th><td>${a.due_date}</td></tr>
    <tr><th>当前状态</th><td>${FOLLOW_UP_STATUS[a.status]}${a.action ? `：${a.action.measure}（${a.action.action_date}）` : ''}</td></tr>
  </table>
  ${v.error ? html`<p class="alert" role="alert">${v.error}</p>` : ''}
  <form class="filters follow-up-action" method="post" action="/follow-up/actions">
    <input type="hidden" name="csrf" value="${v.csrf}">
    <input type="hidden" name="report_no" value="${a.report_no}">
    <input type="hidden" name="uscc" value="${a.uscc}">
    <fieldset style="display: flex; gap: 1rem"><legend>采取的措施</legend>
    ${MEASURES.map((m) => html`<label style="flex-direction: row; gap: 0.3em; color: inherit"><input type="radio" name="measure" value="${m}"${m === v.values.measure ? html` checked` : ''} required>${m}</label>`)}
    </fieldset>
    <label>办理日期 <input type="date" name="action_date" value="${v.values.action_date}" min="${a.report_date}" max="${v.today}" required></label>
    <label>办理情况 <textarea name="note" rows="3" maxlength="500">${v.values.note}</textarea></label>
    <p><button type="submit">保存</button> <a href="${v.back}">返回</a></p>
  </form>`;
}
