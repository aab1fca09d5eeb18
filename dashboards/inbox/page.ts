/**
 * 收件箱: the new warnings of each published build that reached this user (lib/subscriptions/), newest
 * build first, unread ones marked; escalations to the credit office carry 升级. Each item can be marked
 * read, or all at once; a subject links to its profile or project like the 预警 page.
 */
import type { InboxItem } from '../../lib/subscriptions/inbox.js';
import { itemId } from '../../lib/subscriptions/inbox.js';
import { html, type Html } from '../ui/html.js';
import { WARNING_KINDS } from '../ui/labels.js';
import { t, v as data, type Lang } from '../ui/i18n.js';
import { levelBadge, profileHref } from '../ui/parts.js';

export interface InboxBody {
  items: readonly InboxItem[];
  csrf: string;
  lang: Lang;
}

function subject(i: InboxItem): Html {
  const name = data(i.subject_name ?? i.subject_id);
  if (i.kind === 'key_project') return html`<a href="/projects/${encodeURIComponent(i.subject_id)}">${name}</a>`;
  if (/^[0-9A-Z]{18}$/.test(i.subject_id)) return html`<a href="${profileHref(i.subject_id)}">${name}</a>`;
  if (i.kind.startsWith('follow_up_')) return html`<a href="/follow-up">${name}</a>`;
  return name;
}

function row(b: InboxBody, i: InboxItem): Html {
  const { lang } = b;
  const unread = i.read_at === null;
  const mark = unread
    ? html`<form method="post" action="/inbox/read" class="inline"><input type="hidden" name="csrf" value="${b.csrf}"><input type="hidden" name="item" value="${itemId(i)}"><button type="submit">${t(lang, '标为已读')}</button></form>`
    : html`<span class="muted">${t(lang, '已读')}</span>`;
  return html`<tr class="${unread ? 'unread' : 'read'}" data-item="${itemId(i)}">
    <td>${unread ? html`<strong>${t(lang, '未读')}</strong>` : t(lang, '已读')}</td>
    <td>${i.as_of}</td>
    <td>${i.escalated ? html`<span class="escalated level level-red">${t(lang, '升级')}</span> ` : ''}${t(lang, WARNING_KINDS[i.kind] ?? i.kind)}</td>
    <td>${levelBadge(lang, i.level)}</td>
    <td>${subject(i)}</td>
    <td>${mark}</td></tr>`;
}

export function inboxBody(b: InboxBody): Html {
  const { lang } = b;
  const unread = b.items.filter((i) => i.read_at === null).length;
  const all = html`<form method="post" action="/inbox/read" class="inline"><input type="hidden" name="csrf" value="${b.csrf}"><input type="hidden" name="all" value="1"><button type="submit">${t(lang, '全部标为已读')}</button></form>`;
  return html`<h1>${t(lang, '收件箱')}</h1>
  <p class="lead">${t(lang, '未读')} <span class="unread-total" data-unread-total>${String(unread)}</span> / ${t(lang, '共')} ${String(b.items.length)} · <a href="/subscriptions">${t(lang, '我的订阅')}</a> ${unread > 0 ? all : ''}</p>
  ${
    b.items.length === 0
      ? html`<p class="empty">${t(lang, '暂无预警：新发布的构建中符合订阅的新增预警会送到这里。')}</p>`
      : html`<table class="inbox"><thead><tr><th>${t(lang, '状态')}</th><th>${t(lang, '数据截至')}</th><th>${t(lang, '预警类型')}</th><th>${t(lang, '等级')}</th><th>${t(lang, '主体')}</th><th></th></tr></thead>
  <tbody>${b.items.map((i) => row(b, i))}</tbody></table>`
  }`;
}
