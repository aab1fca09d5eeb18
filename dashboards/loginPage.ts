import { html } from './html.js';
import { layout, type PageBuild } from './layout.js';

export function loginPage(opts: { build: PageBuild | null; next: string; error?: string; name?: string }): string {
  return layout(
    { title: '登录', path: '/login', principal: null, build: opts.build },
    html`<section class="login">
  <h1>登录</h1>
  ${opts.error ? html`<p class="alert" role="alert">${opts.error}</p>` : ''}
  <form method="post" action="/login">
    <input type="hidden" name="next" value="${opts.next}">
    <label>用户名 <input name="name" autocomplete="username" required value="${opts.name ?? ''}"></label>
    <label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">登录</button>
  </form>
  <p class="hint">账号由系统管理员用 <code>sentinel user add</code> 创建。</p>
</section>`,
  );
}
