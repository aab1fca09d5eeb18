/** 登记措施: the form a department fills in after acting on one assignment. */
import type { Assignment } from '../../lib/followUp/store.js';
import { html, type Html } from '../ui/html.js';
import { DONE_LATE, FOLLOW_UP_STATUS, MEASURES, ROLE_IN_REPORT, ft, fw } from './labels.js';
import { LABEL as ATTACHMENT_LABEL, type AttachmentType } from '../../lib/followUp/attachments.js';
import { label, t, v as data, type Lang } from '../ui/i18n.js';

export interface FormValues {
  measure: string;
  action_date: string;
  note: string;
}

/** One measure's radio button. */
const radio = (m: (typeof MEASURES)[number], checked: boolean, lang: Lang): Html =>
  html`<label style="flex-direction: row; gap: 0.3em; color: inherit"><input type="radio" name="measure" value="${m}"${
    checked ? html` checked` : ''
  } required>${t(lang, m)}</label>`;

export function followUpFormBody(
  a: Assignment,
  v: {
    csrf: string;
    values: FormValues;
    /** The latest date an action may carry: the report's clock (today, or its shifted date). */
    today: string;
    back: string;
    error?: string | null;
    lang: Lang;
    limits?: { max_bytes: number; types: readonly string[] };
  },
): Html {
  const { lang } = v;
  const en = lang === 'en';
  const [open, comma, close] = en ? [' (', ', ', ')'] : ['（', '，', '）'];
  const status = a.late ? fw(lang, DONE_LATE) : t(lang, FOLLOW_UP_STATUS[a.status]);
  const limits = v.limits ?? { max_bytes: 10 * 1024 * 1024, types: ['pdf', 'jpeg', 'png'] };
  const kinds = limits.types.map((k) => ATTACHMENT_LABEL[k as AttachmentType] ?? k).join(en ? ', ' : '、');
  const accept = limits.types.map((k) => (k === 'jpeg' ? '.jpg,.jpeg' : `.${k}`)).join(',');
  const held = a.action?.attachment
    ? html`<tr><th>${fw(lang, '佐证材料')}</th><td><a href="/follow-up/attachments/${a.action.attachment.id}" data-value>${a.action.attachment.name}</a></td></tr>`
    : '';
  const taken = a.action
    ? html`${en ? ': ' : '：'}${label(lang, a.action.measure)}${open}${a.action.action_date}${close}`
    : '';
  return html`<h1>${t(lang, '登记措施')}</h1>
  <table class="kv">
    <tr><th>${t(lang, '企业')}</th><td>${data(a.name ?? a.uscc)}${open}<code>${a.uscc}</code>${close}</td></tr>
    <tr><th>${t(lang, '筛查通报')}</th><td>${data(a.report_no)}${open}${a.period}${comma}${a.report_date}${close}</td></tr>
    <tr><th>${t(lang, '职责')}</th><td>${t(lang, ROLE_IN_REPORT[a.role] ?? a.role)}</td></tr>
    <tr><th>${t(lang, '要求措施')}</th><td>${label(lang, a.measure)}</td></tr>
    <tr><th>${t(lang, '办结期限')}</th><td>${a.due_date}</td></tr>
    <tr><th>${t(lang, '当前状态')}</th><td>${status}${taken}</td></tr>
    ${held}
  </table>
  ${v.error ? html`<p class="alert" role="alert">${v.error}</p>` : ''}
  <form class="filters follow-up-action" method="post" action="/follow-up/actions" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="${v.csrf}">
    <input type="hidden" name="report_no" value="${a.report_no}">
    <input type="hidden" name="uscc" value="${a.uscc}">
    <fieldset style="display: flex; gap: 1rem"><legend>${t(lang, '采取的措施')}</legend>
    ${MEASURES.map((m) => radio(m, m === v.values.measure, lang))}
    </fieldset>
    <label>${t(lang, '办理日期')} <input type="date" name="action_date" value="${
      v.values.action_date
    }" min="${a.report_date}" max="${v.today}" required></label>
    <label>${t(lang, '办理情况')} <textarea name="note" rows="3" maxlength="500">${v.values.note}</textarea></label>
    <label>${fw(lang, '佐证材料')} <input type="file" name="attachment" accept="${accept}">
    <span class="small">${ft(lang, 'attachmentHint', (limits.max_bytes / 1024 / 1024).toFixed(0), kinds)}</span></label>
    <p><button type="submit">${t(lang, '保存')}</button> <a href="${v.back}">${t(lang, '返回')}</a></p>
  </form>`;
}
