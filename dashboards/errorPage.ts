import { html } from './html.js';

const TITLES: Record<number, string> = { 400: '请求有误', 401: '需要登录', 403: '无权访问', 404: '页面不存在', 503: '暂时无法提供服务' };

/** A plain page for errors: it must render without a session or a published build. */
export function errorPage(status: number, message: string): string {
  const title = TITLES[status] ?? '出错了';
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css"></head>
<body><main class="error"><h1>${status} ${title}</h1><p>${message}</p><p><a href="/">返回首页</a></p></main></body></html>
`.value;
}
