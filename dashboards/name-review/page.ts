/**
 * 名称匹配复核 (admin, credit_office): names delivered without a usable USCC that the register cannot
 * resolve, each with its similar-name suggestions and a confirm / reject form per suggestion; then every
 * judgement made — confirmed and rejected, in force or revoked — with who decided and when, and a
 * revoke form for those in force.
 */
import type { NameJudgement } from '../../lib/nameReview/store.js';
import { shanghaiTime } from '../ui/format.js';
import { html, type Html } from '../ui/html.js';
import { t, v, type Lang } from '../ui/i18n.js';
import { profileHref } from '../ui/parts.js';
import type { ReviewName, ReviewQueue } from './query.js';

export interface NameReviewBody {
  queue: ReviewQueue;
  judgements: readonly NameJudgement[];
  offset: number;
  limit: number;
  csrf: string;
  notice: string | null;
  error: string | null;
  lang: Lang;
}

const WORDS = {
  zh: {
    lead: (n: number) =>
      html`待复核名称 <strong data-pending>${n}</strong> 个：这些记录没有有效的统一社会信用代码，法人库中也没有该名称，按规则无法认定主体。确认后，核查即按复核结论回答，记录在下次构建时关联到该主体；否定的建议不再提示。`,
    attached: (n: number) => `当前构建已关联 ${n} 条记录`,
    page: (from: number, to: number, total: number) => `第 ${from}–${to} 个，共 ${total} 个`,
  },
  en: {
    lead: (n: number) =>
      html`<strong data-pending>${n}</strong> names wait for review: their records carry no valid USCC and the register has no such name, so the rules cannot resolve them. Once confirmed, checks answer by the judgement and the records attach to the entity at the next build; a rejected suggestion is not made again.`,
    attached: (n: number) => `${n} record${n === 1 ? '' : 's'} attached in the current build`,
    page: (from: number, to: number, total: number) => `${from}–${to} of ${total}`,
  },
};

const WHY: Record<string, string> = {
  similar_register_name: '法人库相近名称',
  similar_former_name: '相近曾用名',
  name_outside_register: '法人库外记录中的名称',
};

const SOURCES: Record<string, string> = {
  penalties: '行政处罚',
  court_dishonest: '失信被执行人',
  commitments: '信用承诺',
  serious_list: '严重失信主体名单',
  attention_list: '重点关注名单',
  project_parties: '重点项目参建单位',
};

function decideForm(b: NameReviewBody, n: ReviewName, uscc: string, decision: 'confirmed' | 'rejected'): Html {
  return html`<form method="post" action="/name-review/judgements" class="judge ${decision}">
    <input type="hidden" name="csrf" value="${b.csrf}">
    <input type="hidden" name="name" value="${n.name}">
    <input type="hidden" name="uscc" value="${uscc}">
    <input type="hidden" name="decision" value="${decision}">
    <button type="submit">${t(b.lang, decision === 'confirmed' ? '确认是同一主体' : '不是同一主体')}</button>
  </form>`;
}

function pendingRow(b: NameReviewBody, n: ReviewName): Html {
  const { lang } = b;
  const suggestions = n.suggestions.length
    ? n.suggestions.map(
        (s) => html`<div class="suggestion" data-uscc="${s.uscc}">
          <a href="${profileHref(s.uscc)}">${v(s.name ?? s.uscc)}</a> <code>${s.uscc}</code>
          <small>${t(lang, '相似度')} ${s.similarity.toFixed(3)} · ${t(lang, WHY[s.why] ?? s.why)}</small>
          ${decideForm(b, n, s.uscc, 'confirmed')}${decideForm(b, n, s.uscc, 'rejected')}
        </div>`,
      )
    : html`<span class="muted">${t(lang, '没有相近名称')}</span>`;
  return html`<tr data-name="${n.name_norm}">
    <td>${v(n.name)}</td>
    <td>${n.sources.map((s) => html`<div>${t(lang, SOURCES[s] ?? s)}</div>`)}</td>
    <td class="num">${n.records}</td>
    <td>${suggestions}</td>
  </tr>`;
}

function status(b: NameReviewBody, j: NameJudgement): Html {
  const { lang } = b;
  if (j.revoked_at)
    return html`<span data-status="revoked">${t(lang, '已撤销')}</span><br><small>${v(j.revoked_by ?? '')} · ${shanghaiTime(j.revoked_at)} · ${v(j.revoke_reason ?? '')}</small>`;
  if (j.decision === 'rejected') return html`<span data-status="in_force">${t(lang, '生效（不再提示）')}</span>`;
  const attached = b.queue.attached.get(j.name_norm);
  return attached?.uscc === j.uscc
    ? html`<span data-status="in_force">${t(lang, '生效')}</span><br><small>${WORDS[lang].attached(attached.records)}</small>`
    : html`<span data-status="in_force">${t(lang, '生效')}</span><br><small>${t(lang, '核查已按此回答；记录在下次构建后关联')}</small>`;
}

function revokeForm(b: NameReviewBody, j: NameJudgement): Html {
  if (j.revoked_at) return html``;
  return html`<form method="post" action="/name-review/judgements/${j.id}/revoke" class="revoke">
    <input type="hidden" name="csrf" value="${b.csrf}">
    <input name="reason" required maxlength="500" placeholder="${t(b.lang, '撤销理由')}" aria-label="${t(b.lang, '撤销理由')}">
    <button type="submit">${t(b.lang, '撤销')}</button>
  </form>`;
}

function judgementRow(b: NameReviewBody, j: NameJudgement): Html {
  const { lang } = b;
  return html`<tr data-judgement="${j.id}" data-decision="${j.decision}">
    <td>${v(j.name)}</td>
    <td><a href="${profileHref(j.uscc)}"><code>${j.uscc}</code></a></td>
    <td>${t(lang, j.decision === 'confirmed' ? '确认' : '否定')}</td>
    <td>${v(j.decided_by)}</td>
    <td>${shanghaiTime(j.decided_at)}</td>
    <td>${status(b, j)}</td>
    <td>${revokeForm(b, j)}</td>
  </tr>`;
}

function pager(b: NameReviewBody): Html {
  const { total } = b.queue;
  if (total <= b.limit) return html``;
  const prev =
    b.offset > 0
      ? html`<a href="/name-review?offset=${Math.max(0, b.offset - b.limit)}">${t(b.lang, '上一页')}</a>`
      : '';
  const next =
    b.offset + b.limit < total
      ? html`<a href="/name-review?offset=${b.offset + b.limit}">${t(b.lang, '下一页')}</a>`
      : '';
  return html`<p class="pager">${WORDS[b.lang].page(b.offset + 1, Math.min(total, b.offset + b.limit), total)} ${prev} ${next}</p>`;
}

export function nameReviewBody(b: NameReviewBody): Html {
  const { lang } = b;
  const pendingHead = ['名称（报送）', '来源', '记录数', '相近名称建议'].map((h) => html`<th>${t(lang, h)}</th>`);
  const judgedHead = ['名称', '统一社会信用代码', '结论', '复核人', '复核时间', '状态', ''].map(
    (h) => html`<th>${h ? t(lang, h) : ''}</th>`,
  );
  const judgements = [...b.judgements].reverse();
  return html`<h1>${t(lang, '名称匹配复核')}</h1>
    <p>${WORDS[lang].lead(b.queue.total)}</p>
    ${b.notice ? html`<p class="notice" role="status">${b.notice}</p>` : ''}
    ${b.error ? html`<p class="alert" role="alert" lang="zh-CN">${b.error}</p>` : ''}
    ${
      b.queue.names.length
        ? html`<table class="name-review pending"><thead><tr>${pendingHead}</tr></thead><tbody>${b.queue.names.map((n) => pendingRow(b, n))}</tbody></table>${pager(b)}`
        : html`<p>${t(lang, '没有待复核的名称。')}</p>`
    }
    <h2>${t(lang, '复核结论')}</h2>
    ${
      judgements.length
        ? html`<table class="name-review judgements"><thead><tr>${judgedHead}</tr></thead><tbody>${judgements.map((j) => judgementRow(b, j))}</tbody></table>`
        : html`<p>${t(lang, '尚无复核结论。')}</p>`
    }`;
}
