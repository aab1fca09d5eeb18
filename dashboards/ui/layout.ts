/** The frame of every page: navigation, the signed-in user, the published build it shows, the language switch. */
import { mayViewProfiles, ROLE_LABELS, type Principal } from '../../lib/auth/roles.js';
import { html, type Html } from './html.js';
import { htmlLang, say, switchHref, t, type Lang } from './i18n.js';
import { NAV } from './nav.js';
import { searchBox } from '../search/box.js';

export interface PageBuild {
  as_of: string;
  build_id: string;
}

/** The signed-in user, with its unread inbox count when the server put it there (server/inboxCount.ts). */
export type FramePrincipal = Principal & { inboxUnread?: number };

export interface PageFrame {
  title: string;
  /** The path of the page, to mark it in the navigation. */
  path: string;
  principal: FramePrincipal | null;
  build: PageBuild | null;
  lang: Lang;
  /** The address the language switch reloads with ?lang= (the request's own, or a GET page for a POST answer). */
  url: string;
}

export function buildStamp(build: PageBuild | null, lang: Lang): Html {
  if (!build) return html`<span class="build-stamp build-none">${t(lang, '尚无已发布的构建')}</span>`;
  return html`<span class="build-stamp">${say(lang).buildStamp(build.as_of, build.build_id)}</span>`;
}

/** Each language's name is written in itself, so a reader who cannot read the page can still find it. */
function languageSwitch(frame: PageFrame): Html {
  return frame.lang === 'zh'
    ? html`<a class="lang-switch" href="${switchHref(frame.url, 'en')}" hreflang="en" lang="en">English</a>`
    : html`<a class="lang-switch" href="${switchHref(frame.url, 'zh')}" hreflang="zh-CN" lang="zh-CN">中文</a>`;
}

/** 收件箱 with the unread count, for users who have an inbox. */
function inboxLink(p: FramePrincipal | null, lang: Lang): Html | string {
  if (p?.inboxUnread === undefined) return '';
  const n = p.inboxUnread;
  return html`<a class="inbox-link" href="/inbox">${t(lang, '收件箱')}${n > 0 ? html` <span class="unread-count" data-unread="${String(n)}">${String(n)}</span>` : ''}</a>`;
}

export function layout(frame: PageFrame, body: Html): string {
  const p = frame.principal;
  const { lang } = frame;
  const nav = p
    ? NAV.filter((n) => !n.visible || n.visible(p)).map(
        (n) =>
          html`<a href="${n.href}"${n.href === frame.path ? html` aria-current="page"` : ''}>${t(lang, n.label)}</a>`,
      )
    : [];
  return html`<!doctype html>
<html lang="${htmlLang(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · ${t(lang, '信用风险监测预警平台')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header class="site">
  <a class="brand" href="/">${t(lang, '信用风险监测预警平台')}</a>
  <nav aria-label="${t(lang, '主导航')}">${nav}</nav>
  ${p && mayViewProfiles(p) ? searchBox(lang, frame.url) : ''}
  ${inboxLink(p, lang)}
  ${languageSwitch(frame)}
  ${
    p
      ? html`<form class="who" method="post" action="/logout"><span>${say(lang).who(p.name, t(lang, ROLE_LABELS[p.role]), p.department)}</span><button type="submit">${t(lang, '退出')}</button></form>`
      : ''
  }
</header>
<div class="stamp-bar">${buildStamp(frame.build, lang)}</div>
<main>
${body}
</main>
<script src="/assets/vendor/d3.min.js" defer></script>
<script src="/assets/enhance.js" defer></script>
</body>
</html>
`.value;
}
