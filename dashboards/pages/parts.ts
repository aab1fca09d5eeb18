/** Pieces every page uses: the answer-first figures, level badges, filter links, pagination. */
import { chineseCount } from '../format.js';
import { html, type Html } from '../html.js';
import { levelLabel } from '../labels.js';

export function figures(items: ReadonlyArray<{ n: string | number; label: string; href?: string }>): Html {
  return html`<ul class="figures">${items.map(
    (i) => html`<li>${i.href ? html`<a class="n" href="${i.href}">${typeof i.n === 'number' ? chineseCount(i.n) : i.n}</a>` : html`<span class="n">${typeof i.n === 'number' ? chineseCount(i.n) : i.n}</span>`}<span class="label">${i.label}</span></li>`,
  )}</ul>`;
}

/** A risk level always written beside its colour (STYLE.md 15). */
export const levelBadge = (level: string): Html => html`<span class="level level-${level}">${levelLabel(level)}</span>`;

/** A link to the same page with some query parameters changed; empty values are dropped so URLs stay short. */
export function withQuery(path: string, query: Readonly<Record<string, string | null | undefined>>, change: Readonly<Record<string, string | null>> = {}): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== null && v !== undefined && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export function pager(path: string, query: Readonly<Record<string, string | null>>, total: number, offset: number, limit: number): Html {
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const at = (p: number) => withQuery(path, query, { page: p === 1 ? null : String(p) });
  return html`<nav class="pager" aria-label="分页">
    ${page > 1 ? html`<a href="${at(page - 1)}" rel="prev">上一页</a>` : html`<span>上一页</span>`}
    <span>第 ${page} / ${pages} 页，共 <strong data-total="${total}">${chineseCount(total)}</strong> 条</span>
    ${page < pages ? html`<a href="${at(page + 1)}" rel="next">下一页</a>` : html`<span>下一页</span>`}
  </nav>`;
}

export function select(name: string, label: string, current: string | null, options: ReadonlyArray<{ value: string; label: string }>): Html {
  return html`<label>${label}<select name="${name}"><option value="">全部</option>${options.map(
    (o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.label}</option>`,
  )}</select></label>`;
}

export const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Where an entity's profile lives. */
export const profileHref = (uscc: string): string => `/entities/${encodeURIComponent(uscc)}`;
export const recordHref = (eventId: string): string => `/records?event=${encodeURIComponent(eventId)}`;
