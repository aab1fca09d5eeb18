/** 政务诚信: government bodies (机关, 事业单位) on the court list, with broken commitments or utility arrears. */
import { exportLinks } from '../ui/exportLinks.js';
import { html, type Html } from '../ui/html.js';
import { t, type Lang } from '../ui/i18n.js';
import { figures, profileHref, recordHref } from '../ui/parts.js';
import type { GovernmentBody } from './query.js';

export const CATEGORY_LABELS: Readonly<Record<string, string>> = { '11': '机关', '12': '事业单位' };

export function governmentBody(rows: readonly GovernmentBody[], lang: Lang): Html {
  const court = rows.filter((r) => r.court_case_count > 0).length;
  const heads = ['主体', '类别', '失信被执行案件', '违诺', '欠费账户', '证据'].map((h) => html`<th>${t(lang, h)}</th>`);
  const body = rows.map(
    (
      r,
    ) => html`<tr data-uscc="${r.uscc}"><td><a href="${profileHref(r.uscc)}" data-value>${r.name ?? r.uscc}</a><br><code class="small">${r.uscc}</code></td>
      <td>${t(lang, CATEGORY_LABELS[r.registration_category] ?? r.registration_category)}</td>
      <td class="num">${r.court_case_count}</td><td class="num">${r.broken_commitment_count}</td><td class="num">${r.arrears_account_count}</td>
      <td>${r.evidence.map((e) => html`<a class="small" href="${recordHref(e)}"><code>${e}</code></a><br>`)}</td></tr>`,
  );
  const table =
    rows.length === 0
      ? html`<p class="note">${t(lang, '本次构建没有存在失信被执行、违诺或欠费的政府机构。')}</p>`
      : html`${exportLinks(lang, '/government/export')}<table class="data government"><thead><tr>${heads}</tr></thead><tbody>${body}</tbody></table>`;
  return html`<h1>${t(lang, '政务诚信')}</h1><p class="lead">${t(lang, '统一社会信用代码登记管理部门码和机构类别码为 11（机关）、12（事业单位）的主体：列入失信被执行人名单、违背信用承诺或拖欠水电燃气费用的，红色预警；失信被执行的政府机构动态清零（双清零）。')}</p>
    ${figures(lang, [
      { n: court, label: t(lang, '失信被执行的政府机构（目标 0）') },
      { n: rows.length, label: t(lang, '存在政务失信问题的政府机构') },
    ])}
    ${table}`;
}
