/** The frame of every page: navigation, the signed-in user, and the published build it shows. */
import { ROLE_LABELS, type Principal } from '../lib/auth/roles.js';
import { html, type Html } from './html.js';
import { dateInProse } from './format.js';
import { NAV } from './nav.js';

export interface PageBuild {
  as_of: string;
  build_id: string;
}

export interface PageFrame {
  title: string;
  /** The path of the page, to mark it in the navigation. */
  path: string;
  principal: Principal | null;
  build: PageBuild | null;
}

export function buildStamp(build: PageBuild | null): Html {
  if (!build) return html`<span class="build-stamp build-none">尚无已发布的构建</span>`;
  return html`<span class="build-stamp">数据截至 <time datetime="${build.as_of}">${dateInProse(build.as_of)}</time> · 构建 <code>${build.build_id}</code></span>`;
}

export function layout(frame: PageFrame, body: Html): string {
  const p = frame.principal;
  const nav = p
    ? NAV.filter((n) => !n.visible || n.visible(p)).map(
        (n) => html`<a href="${n.href}"${n.href === frame.path ? html` aria-current="page"` : ''}>${n.label}</a>`,
      )
    : [];
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · 信用风险监测预警平台</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header class="site">
  <a class="brand" href="/">信用风险监测预警平台</a>
  <nav aria-label="主导航">${nav}</nav>
  ${p
    ? html`<form class="who" method="post" action="/logout"><span>${p.name}（${ROLE_LABELS[p.role]}${p.department ? html` · ${p.department}` : ''}）</span><button type="submit">退出</button></form>`
    : ''}
</header>
<div class="stamp-bar">${buildStamp(frame.build)}</div>
<main>
${body}
</main>
<script src="/assets/vendor/d3.min.js" defer></script>
<script src="/assets/vendor/plot.umd.min.js" defer></script>
<script src="/assets/enhance.js" defer></script>
</body>
</html>
`.value;
}
