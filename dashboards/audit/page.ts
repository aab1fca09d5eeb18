/** 审计日志 (admin): the filter form, the export links and the lines, newest first, paged. */
import { shanghaiTime } from '../ui/format.js';
import { html, type Html } from '../ui/html.js';
import { t, type Lang } from '../ui/i18n.js';
import { pager, select, withQuery } from '../ui/parts.js';
import type { ChainedEntry } from '../../lib/auth/audit.js';
import type { AuditFilter } from './query.js';

export const AUDIT_PAGE_SIZE = 100;

export interface AuditBody {
  filter: AuditFilter;
  query: Record<string, string | null>;
  rows: ChainedEntry[];
  users: string[];
  actions: string[];
  offset: number;
  lang: Lang;
}

function form(b: AuditBody): Html {
  const { lang, filter } = b;
  const opts = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));
  return html`<form class="filters" method="get" action="/audit">
    ${select(lang, 'user', t(lang, '用户'), filter.user, opts(b.users))}
    ${select(lang, 'action', t(lang, '操作'), filter.action, opts(b.actions))}
    <label>${t(lang, '起始日期')}<input type="date" name="from" value="${filter.from ?? ''}"></label>
    <label>${t(lang, '截止日期')}<input type="date" name="to" value="${filter.to ?? ''}"></label>
    <button type="submit">${t(lang, '筛选')}</button>
  </form>
  <p class="exports">${t(lang, '导出')}:
    <a href="${withQuery('/audit/export', b.query, { format: 'csv', page: null })}">CSV</a>
    <a href="${withQuery('/audit/export', b.query, { format: 'xlsx', page: null })}">XLSX</a></p>`;
}

function row(e: ChainedEntry): Html {
  const filters = Object.entries(e.filters ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return html`<tr><td>${shanghaiTime(e.at)}</td><td>${e.user}</td><td>${e.role}</td><td>${e.action}</td><td>${e.target}</td><td>${filters}</td><td>${e.format ?? ''}</td><td class="num">${e.rows === null ? '' : String(e.rows)}</td><td>${e.ip ?? ''}</td></tr>`;
}

export function auditBody(b: AuditBody): Html {
  const { lang } = b;
  const page = b.rows.slice(b.offset, b.offset + AUDIT_PAGE_SIZE);
  const head = ['时间', '用户', '角色', '操作', '对象', '条件', '格式', '行数', '地址'].map(
    (h) => html`<th>${t(lang, h)}</th>`,
  );
  return html`<h1>${t(lang, '审计日志')}</h1>
    ${form(b)}
    <table data-total="${String(b.rows.length)}"><thead><tr>${head}</tr></thead><tbody>${page.map(row)}</tbody></table>
    ${pager(lang, '/audit', b.query, b.rows.length, b.offset, AUDIT_PAGE_SIZE)}`;
}
