/**
 * 信用报告核验 (GET /verify/<code>, no login): whether a report with that code was issued, its number,
 * date and issuing office, and its digests — nothing about the entity it is about.
 */
import { html, trusted } from '../ui/html.js';
import { htmlLang, t, type Lang } from '../ui/i18n.js';

const HEAD_LINKS = trusted('<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css">');

/** The whole answer of the verify endpoint: the same fields in the page and in JSON. */
export interface Verification {
  issued: boolean;
  code: string;
  report_no?: string;
  issued_date?: string;
  issuing_office?: string;
  /** SHA-256 of the report's content, as printed on it. */
  digest?: string;
  files?: { pdf: string | null; docx: string };
  /** Whether the office revoked the report since; when (Asia/Shanghai date), never by whom. */
  revoked?: boolean;
  revoked_date?: string;
}

export function verifyPage(v: Verification, lang: Lang): string {
  const title = t(lang, '信用报告核验');
  const body = v.issued
    ? html`${v.revoked ? html`<p class="lead alert" data-revoked="true" role="alert">${t(lang, '该信用报告已被出具机构撤销，不再有效。')}</p>` : ''}
      <p class="lead" data-issued="true">${t(lang, '该验证码对应的信用报告确由以下机构出具。')}</p>
      <table class="kv"><tbody>
        <tr><th>${t(lang, '验证码')}</th><td><code>${v.code}</code></td></tr>
        <tr><th>${t(lang, '报告编号')}</th><td><span data-value>${v.report_no ?? ''}</span></td></tr>
        <tr><th>${t(lang, '出具日期')}</th><td>${v.issued_date ?? ''}</td></tr>
        ${v.revoked ? html`<tr><th>${t(lang, '撤销日期')}</th><td data-revoked-date>${v.revoked_date ?? ''}</td></tr>` : ''}
        <tr><th>${t(lang, '出具机构')}</th><td><span data-value>${v.issuing_office ?? ''}</span></td></tr>
        <tr><th>${t(lang, '报告摘要（SHA-256）')}</th><td><code data-digest>${v.digest ?? ''}</code></td></tr>
        <tr><th>${t(lang, 'PDF 文件 SHA-256')}</th><td><code>${v.files?.pdf ?? '—'}</code></td></tr>
        <tr><th>${t(lang, 'DOCX 文件 SHA-256')}</th><td><code>${v.files?.docx ?? ''}</code></td></tr>
      </tbody></table>
      <p class="note">${t(lang, '报告摘要应与报告上印的一致；文件的 SHA-256 可用 sha256sum 计算后比对。')}</p>`
    : html`<p class="lead alert" data-issued="false">${t(lang, '未查询到该验证码：没有以此验证码出具的信用报告。')}</p>
      <p><code>${v.code}</code></p>`;
  return html`<!doctype html>
<html lang="${htmlLang(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${HEAD_LINKS}</head>
<body><main><h1>${title}</h1>${body}</main></body></html>
`.value;
}
