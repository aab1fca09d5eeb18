/**
 * 表头映射 (admin, credit_office): the unknown headers departments delivered, each with the files and
 * departments that sent it, sample values and the proposed field, and a form that confirms it with one
 * click (the proposed field preselected). Mapped headers are listed after the pending ones.
 */
import type { FieldCatalogue } from '../../lib/headerMappings/catalogue.js';
import type { ReviewedHeader } from '../../lib/headerMappings/review.js';
import { shanghaiTime } from '../ui/format.js';
import { html, type Html } from '../ui/html.js';
import { label, t, v, type Lang } from '../ui/i18n.js';

export interface HeadersBody {
  rows: ReviewedHeader[];
  catalogue: FieldCatalogue;
  mappingFile: string;
  mappingError: string | null;
  csrf: string;
  notice: string | null;
  error: string | null;
  lang: Lang;
}

/** This page's sentences with values in them, per language. */
const WORDS = {
  zh: {
    lead: (pending: number, refused: number) =>
      html`待确认的列名 <strong>${pending}</strong> 个，其中 <strong>${refused}</strong> 个使文件被退回（文件仍在收件箱，确认后下次读入即会入库）。`,
    files: (n: number) => `${n} 个文件`,
    refusedFiles: (n: number) => `其中 ${n} 个被退回`,
    file: (path: string) => html`映射写入 <code>${path}</code>，每次读入开始时读取；确认人与时间记入该文件和审计日志。`,
  },
  en: {
    lead: (pending: number, refused: number) =>
      html`<strong>${pending}</strong> headers wait for a mapping; <strong>${refused}</strong> of them refused a file (it stays in the inbox and loads at the next ingest once mapped).`,
    files: (n: number) => `${n} file${n === 1 ? '' : 's'}`,
    refusedFiles: (n: number) => `${n} refused`,
    file: (path: string) =>
      html`Mappings are written to <code>${path}</code>, read when each ingest starts; who confirmed and when go into that file and the audit log.`,
  },
};

function fieldOptions(catalogue: FieldCatalogue, r: ReviewedHeader): Html[] {
  const fields = catalogue[r.source]?.fields ?? [];
  const chosen = r.proposal?.field ?? '';
  return [
    html`<option value=""${chosen ? '' : html` selected`}>—</option>`,
    ...fields.map(
      (f) =>
        html`<option value="${f.name}"${f.name === chosen ? html` selected` : ''}>${v(f.header)}${f.key ? ' ★' : ''}</option>`,
    ),
  ];
}

function proposal(lang: Lang, r: ReviewedHeader): Html {
  if (!r.proposal) return html`<span class="muted">${t(lang, '未能推断')}</span>`;
  const basis = t(lang, r.proposal.basis === 'values' ? '按取值' : '按列名');
  return html`<strong>${v(r.proposal.header)}</strong>${r.proposal.key ? ' ★' : ''}<br><small>${basis}：${t(lang, r.proposal.why.startsWith('列名与') ? '列名相近' : r.proposal.why)}</small>`;
}

function confirmForm(b: HeadersBody, r: ReviewedHeader): Html {
  const { lang } = b;
  return html`<form class="confirm-mapping" method="post" action="/headers/confirm">
    <input type="hidden" name="csrf" value="${b.csrf}">
    <input type="hidden" name="source" value="${r.source}">
    <input type="hidden" name="header" value="${r.header}">
    <label>${t(lang, '字段')}<select name="field" required>${fieldOptions(b.catalogue, r)}</select></label>
    <label>${t(lang, '适用文件（可选）')}<input name="files" placeholder="*" maxlength="100"></label>
    <button type="submit">${t(lang, '确认映射')}</button>
  </form>`;
}

function row(b: HeadersBody, r: ReviewedHeader): Html {
  const { lang } = b;
  const w = WORDS[lang];
  const files = r.files.map(
    (f) =>
      html`<li>${v(f.file)} <small>${shanghaiTime(f.at)}${f.status === 'refused' ? html` · <strong class="alert">${t(lang, '已退回')}</strong>` : ''}</small></li>`,
  );
  const status = r.mappedTo
    ? html`<td data-status="mapped">${t(lang, '已映射到')} ${v(r.mappedTo)}</td>`
    : html`<td data-status="pending">${confirmForm(b, r)}</td>`;
  return html`<tr data-source="${r.source}" data-header="${r.header}">
    <td>${label(lang, r.sourceTitle)}<br><code>${r.source}</code></td>
    <td><code>${v(r.header)}</code></td>
    <td>${w.files(r.files.length)}${r.refused ? html`，${w.refusedFiles(r.refused)}` : ''}<ul class="files">${files}</ul></td>
    <td>${r.departments.map((d) => html`<div>${v(d)}</div>`)}</td>
    <td>${r.samples.map((s) => html`<div><code>${v(s)}</code></div>`)}</td>
    <td data-proposal="${r.proposal?.field ?? ''}">${proposal(lang, r)}</td>
    ${status}
  </tr>`;
}

export function headersBody(b: HeadersBody): Html {
  const { lang } = b;
  const pending = b.rows.filter((r) => r.mappedTo === null);
  const head = ['来源', '列名', '文件', '部门', '样例值', '推断字段', '确认'].map((h) => html`<th>${t(lang, h)}</th>`);
  return html`<h1>${t(lang, '表头映射')}</h1>
    <p>${WORDS[lang].lead(pending.length, pending.filter((r) => r.refused > 0).length)}</p>
    <p><small>${WORDS[lang].file(b.mappingFile)}</small></p>
    ${b.notice ? html`<p class="notice" role="status">${b.notice}</p>` : ''}
    ${b.error ? html`<p class="alert" role="alert" lang="zh-CN">${b.error}</p>` : ''}
    ${b.mappingError ? html`<pre class="alert" role="alert" lang="zh-CN">${b.mappingError}</pre>` : ''}
    ${
      b.rows.length === 0
        ? html`<p>${t(lang, '尚未读到未知列名。')}</p>`
        : html`<table class="headers-seen"><thead><tr>${head}</tr></thead><tbody>${b.rows.map((r) => row(b, r))}</tbody></table>`
    }`;
}
