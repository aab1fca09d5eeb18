import { html } from '../ui/html.js';
import { say, t, type Lang } from '../ui/i18n.js';
import { layout, type PageBuild } from '../ui/layout.js';

export function loginPage(opts: {
  build: PageBuild | null;
  next: string;
  lang: Lang;
  url: string;
  error?: string;
  name?: string;
}): string {
  const { lang } = opts;
  return layout(
    { title: t(lang, '登录'), path: '/login', principal: null, build: opts.build, lang, url: opts.url },
    html`<section class="login">
  <h1>${t(lang, '登录')}</h1>
  ${opts.error ? html`<p class="alert" role="alert">${t(lang, opts.error)}</p>` : ''}
  <form method="post" action="/login">
    <input type="hidden" name="next" value="${opts.next}">
    <label>${t(lang, '用户名')} <input name="name" autocomplete="username" required value="${opts.name ?? ''}"></label>
    <label>${t(lang, '密码')} <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">${t(lang, '登录')}</button>
  </form>
  <p class="hint">${say(lang).loginHint}</p>
</section>`,
  );
}
