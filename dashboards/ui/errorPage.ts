import { html, trusted, type Html } from './html.js';
import { htmlLang, requestLang, t, type Lang } from './i18n.js';

// Markup of our own, as a plain string: written as html`…`, the formatter would rewrite its tags.
const HEAD_LINKS = trusted('<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css">');

const TITLES: Record<number, string> = {
  400: '请求有误',
  401: '需要登录',
  403: '无权访问',
  404: '页面不存在',
  503: '暂时无法提供服务',
};

/**
 * A plain page for errors: it must render without a session or a published build. The language
 * defaults to the request's (server/httpError.ts calls this without the request). A message the
 * dictionary does not hold (most carry values) stays Chinese in an English page, marked lang="zh-CN".
 */
export function errorPage(status: number, message: string, lang: Lang = requestLang.getStore() ?? 'zh'): string {
  const { title, body } = errorBody(status, message, lang);
  return html`<!doctype html>
<html lang="${htmlLang(lang)}"><head><meta charset="utf-8"><title>${title}</title>${HEAD_LINKS}</head>
<body><main class="error">${body}</main></body></html>
`.value;
}

/** The error's title and what it says, for the plain page above or inside a signed-in user's frame. */
export function errorBody(status: number, message: string, lang: Lang): { title: string; body: Html } {
  const title = t(lang, TITLES[status] ?? '出错了');
  const said = t(lang, message);
  const saidLang = lang === 'en' && /[\u3400-\u9fff]/.test(said) ? html` lang="zh-CN"` : '';
  const home = html`<p><a href="/">${t(lang, '返回首页')}</a></p>`;
  return { title, body: html`<h1>${status} ${title}</h1><p${saidLang}>${said}</p>${home}` };
}
