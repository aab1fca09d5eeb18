/** 出具信用报告: the form on an entity (standard or 专项), and the page of an issued report with its downloads. */
import type { CreditReportRecord } from '../../lib/creditReport/records.js';
import { shanghaiTime } from '../ui/format.js';
import { html, type Html } from '../ui/html.js';
import { t, v, type Lang } from '../ui/i18n.js';
import { profileHref } from '../ui/parts.js';

/** The two variants as the form offers them; a label with a value in it is written per language. */
const VARIANTS = (years: number, lang: Lang): Array<[string, string]> =>
  lang === 'en'
    ? [
        ['standard', 'Credit report (register data, active lists, public penalties, commitments, flags)'],
        [
          'special',
          `Special credit report (also states, per domain, any counted violation in the last ${years} years)`,
        ],
      ]
    : [
        ['standard', '信用报告（登记信息、在列名单、公示期内的行政处罚、信用承诺、失信标记）'],
        ['special', `专项信用报告（另逐领域说明近 ${years} 年有无计入的违法违规记录）`],
      ];

/** A revoked report stays listed, marked 已撤销 with its Shanghai date (lib/creditReport/revocations.ts). */
function revokedMark(lang: Lang, revokedAt: string | undefined): Html | string {
  if (!revokedAt) return '';
  const day = shanghaiTime(revokedAt).slice(0, 10);
  return html` <span class="badge revoked" data-revoked="${day}">${t(lang, '已撤销')} ${day}</span>`;
}

function issuedList(lang: Lang, issued: readonly CreditReportRecord[], revoked: ReadonlyMap<string, string>): Html {
  if (!issued.length) return html`<p class="note">${t(lang, '尚未出具过信用报告。')}</p>`;
  return html`<table><thead><tr><th>${t(lang, '报告编号')}</th><th>${t(lang, '出具时间')}</th><th>${t(
    lang,
    '数据截至',
  )}</th><th>${t(lang, '出具人')}</th></tr></thead><tbody>${issued.map(
    (r) =>
      html`<tr><td><a href="/credit-reports/${r.id}">${v(r.report_no)}</a>${revokedMark(lang, revoked.get(r.id))}</td><td>${r.issued_at.slice(0, 16).replace('T', ' ')} UTC</td><td>${r.as_of}</td><td>${v(r.issued_by)}</td></tr>`,
  )}</tbody></table>`;
}

export function creditReportFormBody(f: {
  uscc: string;
  name: string;
  years: number;
  csrf: string;
  issued: readonly CreditReportRecord[];
  /** Report id → when it was revoked (ISO), for the issued reports that were. */
  revoked: ReadonlyMap<string, string>;
  lang: Lang;
}): Html {
  const { lang } = f;
  return html`<h1>${t(lang, '出具信用报告')}</h1>
  <p class="lead"><a href="${profileHref(f.uscc)}">${v(f.name)}</a> · <code>${f.uscc}</code></p>
  <form method="post" action="/entities/${encodeURIComponent(f.uscc)}/credit-report" class="credit-report">
    <input type="hidden" name="csrf" value="${f.csrf}">
    ${VARIANTS(f.years, lang).map(
      ([value, label], i) =>
        html`<p><label><input type="radio" name="variant" value="${value}"${i === 0 ? html` checked` : ''}> ${label}</label></p>`,
    )}
    <p><button type="submit">${t(lang, '出具')}</button></p>
  </form>
  <h2>${t(lang, '已出具的信用报告')}</h2>
  ${issuedList(lang, f.issued, f.revoked)}`;
}

export function creditReportBody(r: CreditReportRecord, lang: Lang): Html {
  const download = (kind: 'pdf' | 'docx') =>
    html`<a href="/credit-reports/${r.id}/report.${kind}" download>${kind.toUpperCase()}</a>`;
  return html`<h1>${t(lang, '信用报告')}</h1>
  <p class="lead"><a href="${profileHref(r.uscc)}">${v(r.name ?? r.uscc)}</a> · <code>${r.uscc}</code></p>
  <table class="kv"><tbody>
    <tr><th>${t(lang, '报告编号')}</th><td>${v(r.report_no)}</td></tr>
    <tr><th>${t(lang, '类型')}</th><td>${t(lang, r.variant === 'special' ? '专项信用报告' : '信用报告')}</td></tr>
    <tr><th>${t(lang, '数据截至')}</th><td>${r.as_of}</td></tr>
    <tr><th>${t(lang, '验证码')}</th><td><code data-code>${r.verification_code}</code> · <a href="/verify/${r.verification_code}">/verify/${r.verification_code}</a></td></tr>
    <tr><th>${t(lang, '报告摘要（SHA-256）')}</th><td><code>${r.digest}</code></td></tr>
    <tr><th>${t(lang, '下载')}</th><td>${r.files.pdf ? html`${download('pdf')} · ` : ''}${download('docx')}</td></tr>
    <tr><th>${t(lang, '撤销')}</th><td><a href="/credit-reports/${r.id}/revoke">${t(lang, '撤销信用报告')}</a></td></tr>
  </tbody></table>`;
}
