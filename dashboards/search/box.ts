/** The search box of every page's header (leaders, who may not open profiles, get none). */
import { html, type Html } from '../ui/html.js';
import { t, type Lang } from '../ui/i18n.js';

export const SEARCH_PATH = '/search';

/** The query shown back in the box on the results page. */
function currentQuery(url: string): string {
  const u = new URL(url, 'http://x');
  return u.pathname === SEARCH_PATH ? (u.searchParams.get('q') ?? '') : '';
}

export function searchBox(lang: Lang, url: string): Html {
  const label = t(lang, '搜索企业');
  return html`<form class="search" role="search" method="get" action="${SEARCH_PATH}">
    <input type="search" name="q" value="${currentQuery(url)}" placeholder="${t(lang, '名称或统一社会信用代码')}" aria-label="${label}" maxlength="100" required>
    <button type="submit">${t(lang, '搜索')}</button>
  </form>`;
}
