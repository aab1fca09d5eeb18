/** 撤销信用报告: an issued report's revocation — the form with its required reason, or when and why it was revoked. */
import type { CreditReportRecord } from '../../lib/creditReport/records.js';
import type { CreditReportRevocation } from '../../lib/creditReport/revocations.js';
import { shanghaiTime } from '../ui/format.js';
import { html, type Html } from '../ui/html.js';
import { t, v, type Lang } from '../ui/i18n.js';

export function revokeBody(
  r: CreditReportRecord,
  revocation: CreditReportRevocation | null,
  f: { csrf: string; error: string | null; lang: Lang },
): Html {
  const { lang } = f;
  const head = html`<h1>${t(lang, '撤销信用报告')}</h1>
  <p class="lead"><a href="/credit-reports/${r.id}">${v(r.report_no)}</a> · <code>${r.uscc}</code></p>`;
  if (revocation)
    return html`${head}<table class="kv" data-revoked="true"><tbody>
      <tr><th>${t(lang, '撤销时间')}</th><td>${shanghaiTime(revocation.revoked_at)}</td></tr>
      <tr><th>${t(lang, '撤销人')}</th><td>${v(revocation.revoked_by)}</td></tr>
      <tr><th>${t(lang, '撤销理由')}</th><td>${v(revocation.reason)}</td></tr>
    </tbody></table>
    <p class="note">${t(lang, '核验页面显示该报告已撤销及撤销日期，不显示撤销人和理由。')}</p>`;
  return html`${head}
  ${f.error ? html`<p class="alert" role="alert" lang="zh-CN">${f.error}</p>` : ''}
  <form method="post" action="/credit-reports/${r.id}/revoke" class="revoke-report">
    <input type="hidden" name="csrf" value="${f.csrf}">
    <p><label>${t(lang, '撤销理由（必填）')}<br><textarea name="reason" required maxlength="500" rows="3"></textarea></label></p>
    <p class="note">${t(lang, '撤销后，凭验证码核验时显示“已撤销”及撤销日期；报告的记录和文件保留。')}</p>
    <p><button type="submit">${t(lang, '撤销报告')}</button></p>
  </form>`;
}
