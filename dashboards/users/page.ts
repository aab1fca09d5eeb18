/**
 * 用户管理 (admin): the users, sorted by pinyin, with a form per user (role and department, new password,
 * removal) and one to add a user. A generated password is shown once, on the answer to the form that set it.
 */
import { ROLE_LABELS, ROLES, type Role } from '../../lib/auth/roles.js';
import type { UserListing } from '../../lib/auth/store.js';
import { html, type Html } from '../ui/html.js';
import { t, type Lang } from '../ui/i18n.js';

export type UserRow = UserListing;

export interface UsersBody {
  users: UserRow[];
  /** Departments a department user may be given; null when no build is published (not checked then). */
  departments: string[] | null;
  csrf: string;
  /** What the last form did, or why it was refused. */
  notice: { ok: boolean; text: string; password?: string } | null;
  lang: Lang;
}

const hidden = (csrf: string) => html`<input type="hidden" name="csrf" value="${csrf}">`;

function roleSelect(lang: Lang, current: Role | null): Html {
  return html`<select name="role" required>${ROLES.map(
    (r) => html`<option value="${r}"${r === current ? html` selected` : ''}>${t(lang, ROLE_LABELS[r])}</option>`,
  )}</select>`;
}

function departmentField(lang: Lang, departments: string[] | null, current: string | null): Html {
  if (departments === null)
    return html`<input name="department" value="${current ?? ''}" placeholder="${t(lang, '部门用户必填')}">`;
  const options = departments.map(
    (d) => html`<option value="${d}"${d === current ? html` selected` : ''}>${d}</option>`,
  );
  return html`<select name="department"><option value="">${t(lang, '（非部门用户）')}</option>${options}</select>`;
}

function userRow(b: UsersBody, u: UserRow): Html {
  const { lang, csrf } = b;
  const action = (path: string) => `/users/${encodeURIComponent(u.name)}/${path}`;
  return html`<tr data-user="${u.name}"><td>${u.name}</td><td>${t(lang, ROLE_LABELS[u.role])}</td>
    <td>${u.department ?? ''}</td><td>${u.created_at.slice(0, 10)}</td><td class="num">${String(u.tokens)}</td>
    <td><form method="post" action="${action('role')}" class="inline">${hidden(csrf)}${roleSelect(lang, u.role)}${departmentField(
      lang,
      b.departments,
      u.department,
    )}<button type="submit">${t(lang, '修改角色')}</button></form>
    <form method="post" action="${action('password')}" class="inline">${hidden(csrf)}<button type="submit">${t(
      lang,
      '重置密码',
    )}</button></form>
    <form method="post" action="${action('remove')}" class="inline">${hidden(csrf)}<label><input type="checkbox" name="confirm" value="yes" required>${t(
      lang,
      '确认删除',
    )}</label><button type="submit">${t(lang, '删除')}</button></form></td></tr>`;
}

function addForm(b: UsersBody): Html {
  const { lang } = b;
  return html`<h2>${t(lang, '新增用户')}</h2>
  <form method="post" action="/users" class="filters">${hidden(b.csrf)}
    <label>${t(lang, '用户名')}<input name="name" required maxlength="64"></label>
    <label>${t(lang, '角色')}${roleSelect(lang, null)}</label>
    <label>${t(lang, '部门')}${departmentField(lang, b.departments, null)}</label>
    <label>${t(lang, '初始密码（留空则自动生成）')}<input name="password" type="password" autocomplete="new-password"></label>
    <button type="submit">${t(lang, '新增')}</button>
  </form>`;
}

function notice(b: UsersBody): Html {
  if (!b.notice) return html``;
  const password = b.notice.password
    ? html` ${t(b.lang, '新密码（仅显示这一次）')}：<code data-password>${b.notice.password}</code>`
    : html``;
  return html`<p class="${b.notice.ok ? 'notice' : 'error'}" role="status">${b.notice.text}${password}</p>`;
}

export function usersBody(b: UsersBody): Html {
  const { lang } = b;
  const head = ['用户名', '角色', '部门', '创建日期', 'API 令牌', '操作'].map((h) => html`<th>${t(lang, h)}</th>`);
  return html`<h1>${t(lang, '用户管理')}</h1>
  ${notice(b)}
  <table data-total="${String(b.users.length)}"><thead><tr>${head}</tr></thead><tbody>${b.users.map((u) =>
    userRow(b, u),
  )}</tbody></table>
  ${addForm(b)}
  <p class="note">${t(lang, '每项修改都记入审计日志。命令行：sentinel user add|list|remove|passwd|role|token。')}</p>`;
}
