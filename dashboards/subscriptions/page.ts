/**
 * 我的订阅: the warning kinds, levels and departments that reach this user's inbox and digest, and the
 * digest's e-mail address. A department user's department is fixed (its scope, lib/auth/scope.ts); the
 * credit office always receives escalations (升级), which the page says.
 */
import type { Subscription } from '../../lib/subscriptions/subscription.js';
import { LEVELS } from '../../lib/subscriptions/subscription.js';
import { html, type Html } from '../ui/html.js';
import { WARNING_KINDS, levelLabel } from '../ui/labels.js';
import { t, v as data, type Lang } from '../ui/i18n.js';

export interface SubscriptionsBody {
  subscription: Subscription;
  kinds: readonly string[];
  /** The departments one may choose from; null for a department user, whose department is fixed. */
  departments: readonly string[] | null;
  ownDepartment: string | null;
  /** Escalations reach this user whatever it chooses (the credit office). */
  alwaysEscalations: boolean;
  saved: boolean;
  csrf: string;
  error: string | null;
  lang: Lang;
}

const box = (name: string, value: string, checked: boolean, label: Html | string): Html =>
  html`<label class="choice"><input type="checkbox" name="${name}" value="${value}"${checked ? html` checked` : ''}> ${label}</label>`;

function departmentsField(b: SubscriptionsBody): Html {
  const { lang } = b;
  if (b.departments === null)
    return html`<p>${t(lang, '部门用户只接收本部门的预警')}：${data(b.ownDepartment ?? '')}</p>`;
  return html`<p class="hint">${t(lang, '不选即接收全部部门；只对以部门为对象的预警（公示质量、督办逾期）起作用。')}</p>
    ${b.departments.map((d) => box('department', d, b.subscription.departments.includes(d), data(d)))}`;
}

export function subscriptionsBody(b: SubscriptionsBody): Html {
  const { lang, subscription: s } = b;
  return html`<h1>${t(lang, '我的订阅')}</h1>
  <p class="lead">${t(lang, '选择要接收的预警：每次发布新的构建后，符合订阅的新增预警进入收件箱，并按填写的邮箱发送每日预警摘要。')}</p>
  ${b.saved ? html`<p class="notice" role="status">${t(lang, '订阅已保存')}</p>` : ''}
  ${b.error ? html`<p class="notice error" role="alert">${b.error}</p>` : ''}
  ${b.alwaysEscalations ? html`<p class="hint">${t(lang, '信用办始终接收督办逾期升级的预警。')}</p>` : ''}
  <form method="post" action="/subscriptions" class="subscriptions">
    <input type="hidden" name="csrf" value="${b.csrf}">
    <fieldset><legend>${t(lang, '预警类型')}</legend>
      ${b.kinds.map((k) => box('kind', k, s.kinds.includes(k), t(lang, WARNING_KINDS[k] ?? k)))}</fieldset>
    <fieldset><legend>${t(lang, '等级')}</legend>
      ${LEVELS.map((l) => box('level', l, s.levels.includes(l), t(lang, levelLabel(l))))}</fieldset>
    <fieldset><legend>${t(lang, '部门')}</legend>${departmentsField(b)}</fieldset>
    <fieldset><legend>${t(lang, '每日预警摘要')}</legend>
      <label>${t(lang, '电子邮箱')} <input type="email" name="email" value="${s.email ?? ''}" autocomplete="email"></label>
      <p class="hint">${t(lang, '留空则不发送邮件，只进收件箱。')}</p></fieldset>
    <button type="submit">${t(lang, '保存订阅')}</button>
  </form>`;
}
