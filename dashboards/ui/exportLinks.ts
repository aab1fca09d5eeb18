/** The download links beside a page's table: the same rows as a file for people (server/routes/pageExports.ts). */
import { html, type Html } from './html.js';
import { t, type Lang } from './i18n.js';
import { withQuery } from './parts.js';

export function exportLinks(
  lang: Lang,
  path: string,
  query: Readonly<Record<string, string | null | undefined>> = {},
  formats: readonly ('xlsx' | 'csv')[] = ['xlsx', 'csv'],
): Html {
  const links = formats.map(
    (f, i) =>
      html`${i ? ' · ' : ''}<a href="${withQuery(path, { ...query, page: null }, { format: f })}" download>${f.toUpperCase()}</a>`,
  );
  return html`<p class="exports">${t(lang, '导出本表：')}${links}</p>`;
}
