/** Pieces every page uses: the answer-first figures, level badges, filter links, pagination. */
import { html, type Html } from './html.js';
import { count, say, t, type Lang } from './i18n.js';
import { levelLabel } from './labels.js';

export function figures(lang: Lang, items: ReadonlyArray<{ n: string | number; label: string; href?: string }>): Html {
  const figure = (i: { n: string | number; label: string; href?: string }): Html => {
    const n = typeof i.n === 'number' ? count(lang, i.n) : i.n;
    const value = i.href ? html`<a class="n" href="${i.href}">${n}</a>` : html`<span class="n">${n}</span>`;
    return html`<li>${value}<span class="label">${i.label}</span></li>`;
  };
  return html`<ul class="figures">${items.map(figure)}</ul>`;
}

/** A risk level always written beside its colour (STYLE.md 15). */
export const levelBadge = (lang: Lang, level: string): Html =>
  html`<span class="level level-${level}">${t(lang, levelLabel(level))}</span>`;

/** A link to the same page with some query parameters changed; empty values are dropped so URLs stay short. */
export function withQuery(
  path: string,
  query: Readonly<Record<string, string | null | undefined>>,
  change: Readonly<Record<string, string | null>> = {},
): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== null && v !== undefined && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export function pager(
  lang: Lang,
  path: string,
  query: Readonly<Record<string, string | null>>,
  total: number,
  offset: number,
  limit: number,
): Html {
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const at = (p: number) => withQuery(path, query, { page: p === 1 ? null : String(p) });
  const prev = t(lang, '上一页');
  const next = t(lang, '下一页');
  return html`<nav class="pager" aria-label="${t(lang, '分页')}">
    ${page > 1 ? html`<a href="${at(page - 1)}" rel="prev">${prev}</a>` : html`<span>${prev}</span>`}
    <span>${say(lang).pageOf(page, pages, total)}</span>
    ${page < pages ? html`<a href="${at(page + 1)}" rel="next">${next}</a>` : html`<span>${next}</span>`}
  </nav>`;
}

export function select(
  lang: Lang,
  name: string,
  label: string,
  current: string | null,
  options: ReadonlyArray<{ value: string; label: string; data?: boolean }>,
): Html {
  return html`<label>${label}<select name="${name}"><option value="">${t(lang, '全部')}</option>${options.map(
    (o) =>
      html`<option value="${o.value}"${o.value === current ? html` selected` : ''}${o.data ? html` data-value` : ''}>${o.label}</option>`,
  )}</select></label>`;
}

export const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Where an entity's profile lives. */
export const profileHref = (uscc: string): string => `/entities/${encodeURIComponent(uscc)}`;
export const recordHref = (eventId: string): string => `/records?event=${encodeURIComponent(eventId)}`;
