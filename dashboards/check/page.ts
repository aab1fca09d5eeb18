/**
 * 核查 (逢办必查): the form where a clerk pastes USCCs or names or uploads a list, the answer of one
 * check (from its record, so it can be opened again), and 核查记录, the checks per department and month.
 */
import type { CheckFeedback, CheckRecord, CheckSummary, RecordedResult } from '../../lib/checks/store.js';
import type { CheckCoverageRow } from '../../pipelines/export/checks.js';
import { shanghaiTime } from '../ui/format.js';
import { html, type Html } from '../ui/html.js';
import { count, t, v as data, type Lang } from '../ui/i18n.js';
import { figures, profileHref } from '../ui/parts.js';
import { kindLabel, MATCH_LABELS, RESOLVED_BY_LABELS, verdictLabel } from './labels.js';

/** The result page shows this many subjects; the workbook has them all. */
export const SHOWN_RESULTS = 500;

export interface FormOptions {
  csrf: string;
  purposes: readonly string[];
  maxSubjects: number;
  values: { subjects: string; purpose: string };
  error: string | null;
  lang: Lang;
}

const purposeSelect = (lang: Lang, purposes: readonly string[], current: string) =>
  html`<label>${t(lang, '核查用途')}<select name="purpose" required><option value="">${t(lang, '请选择')}</option>${purposes.map(
    (p) => html`<option value="${p}"${p === current ? html` selected` : ''}>${t(lang, p)}</option>`,
  )}</select></label>`;

export function checkFormBody(o: FormOptions): Html {
  const { lang } = o;
  const limit = count(lang, o.maxSubjects);
  return html`<h1>${t(lang, '核查')}</h1>
  <p class="lead">${
    lang === 'en'
      ? html`Check up to ${limit} enterprises against the published build before granting a licence, a contract, funds or an honour: paste their USCCs or names, one per line, or upload an Excel or CSV list.`
      : html`办理行政许可、政府采购、财政资金、评优评先等事项前，逐一核查申请主体的信用状况：每行粘贴一个统一社会信用代码或名称，或上传 Excel、CSV 名单，一次最多 ${limit} 个。`
  }</p>
  ${o.error ? html`<p class="alert" role="alert" data-error>${o.error}</p>` : ''}
  <form class="filters check-form" method="post" action="/check">
    <input type="hidden" name="csrf" value="${o.csrf}">
    ${purposeSelect(lang, o.purposes, o.values.purpose)}
    <label>${t(lang, '统一社会信用代码或名称（每行一个）')}<textarea name="subjects" rows="8" cols="60">${o.values.subjects}</textarea></label>
    <p><button type="submit">${t(lang, '核查')}</button></p>
  </form>
  <form class="filters check-upload" id="check-upload" method="post" action="/check/upload" data-csrf="${o.csrf}">
    ${purposeSelect(lang, o.purposes, o.values.purpose)}
    <label>${t(lang, '上传名单（.xlsx 或 .csv）')}<input type="file" name="file" accept=".xlsx,.csv" required></label>
    <p><button type="submit">${t(lang, '上传并核查')}</button></p>
    <p class="alert" role="alert" data-upload-error hidden></p>
  </form>
  <p><a href="/checks">${t(lang, '核查记录')}</a></p>
  <script src="/assets/check.js" defer></script>`;
}

/** 匹配方式: how the subject matched, and for a name resolved by a reviewer's judgement, 复核确认. */
function matchCell(r: RecordedResult, lang: Lang): Html {
  const how = t(lang, MATCH_LABELS[r.match] ?? r.match);
  if (!r.resolved_by) return html`${how}`;
  const by = t(lang, RESOLVED_BY_LABELS[r.resolved_by] ?? r.resolved_by);
  return html`${how}<br><span class="badge resolved-by" data-resolved-by="${r.resolved_by}">${by}</span>`;
}

function resultRow(r: RecordedResult, i: number, lang: Lang, feedback: Html | null): Html {
  const kinds = [...r.lists, ...r.flags].map((k) => t(lang, kindLabel(k))).join(lang === 'en' ? ', ' : '、');
  const subject = r.uscc
    ? html`<a href="${profileHref(r.uscc)}">${data(r.name ?? r.uscc)}</a><br><code>${r.uscc}</code>`
    : html`—`;
  return html`<tr data-verdict="${r.verdict ?? 'unresolved'}">
    <td>${i + 1}</td><td>${data(r.query)}</td><td>${matchCell(r, lang)}</td><td>${subject}</td>
    <td><span class="verdict verdict-${r.verdict ?? 'none'}">${t(lang, verdictLabel(r.verdict))}</span></td>
    <td>${kinds || '—'}</td><td>${r.uscc ? r.public_penalties : '—'}</td>
    <td>${r.measures.length ? data(r.measures.join('；')) : '—'}</td><td>${feedback ?? ''}</td></tr>`;
}

export interface ResultOptions {
  check: CheckRecord;
  /** Measure code → its wording in the catalogue of the check's as-of. */
  measureNames: ReadonlyMap<string, string>;
  feedback: readonly CheckFeedback[];
  /** Set when the viewer may mark a restricted subject as granted (反馈). */
  csrf: string | null;
  notice: string | null;
  error: string | null;
  lang: Lang;
}

function feedbackCell(o: ResultOptions, r: RecordedResult): Html | null {
  if (r.verdict !== 'restricted' || !r.uscc) return null;
  const given = o.feedback.find((f) => f.uscc === r.uscc);
  if (given) return html`${t(o.lang, '已反馈：仍予办理')}（${data(given.reason)}）`;
  if (o.csrf === null) return null;
  return html`<form method="post" action="/check/${o.check.check_id}/feedback" class="check-feedback">
    <input type="hidden" name="csrf" value="${o.csrf}"><input type="hidden" name="uscc" value="${r.uscc}">
    <label>${t(o.lang, '仍予办理的理由')}<input type="text" name="reason" maxlength="500" required></label>
    <button type="submit">${t(o.lang, '反馈')}</button></form>`;
}

export function checkResultBody(o: ResultOptions): Html {
  const { check: c, lang } = o;
  const shown = c.results.slice(0, SHOWN_RESULTS).map((r) => ({
    ...r,
    measures: r.measures.map((m) => o.measureNames.get(m) ?? m),
  }));
  const en = lang === 'en';
  const source = c.upload
    ? en
      ? html`File <span data-value>${c.upload.file}</span>, column <strong data-value data-column>${c.upload.column}</strong>`
      : html`文件 <span data-value>${c.upload.file}</span>，核查列 <strong data-value data-column>${c.upload.column}</strong>`
    : html`${t(lang, '粘贴的名单')}`;
  return html`<h1>${t(lang, '核查结果')}</h1>
  <p class="lead">${source} · ${t(lang, '核查编号')} <code data-check-id>${c.check_id}</code> · ${shanghaiTime(c.checked_at)} · ${
    c.purpose ? t(lang, c.purpose) : t(lang, '未填写用途')
  } · ${t(lang, '数据截至')} ${c.as_of}</p>
  ${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
  ${o.error ? html`<p class="alert" role="alert">${o.error}</p>` : ''}
  ${figures(lang, [
    { n: c.subjects, label: t(lang, '核查主体') },
    { n: c.verdicts.restricted, label: t(lang, '限制办理') },
    { n: c.verdicts.caution, label: t(lang, '审慎办理') },
    { n: c.verdicts.clear, label: t(lang, '正常办理') },
    { n: c.verdicts.unresolved, label: t(lang, '无法核查') },
  ])}
  <p><a class="download" href="/check/${c.check_id}.xlsx" download>${t(lang, '下载核查结果（Excel）')}</a> · <a href="/check">${t(lang, '继续核查')}</a></p>
  ${
    c.results.length > SHOWN_RESULTS
      ? html`<p>${en ? `The first ${SHOWN_RESULTS} subjects are shown; the workbook has all ${c.results.length}.` : `页面显示前 ${SHOWN_RESULTS} 个主体，下载的 Excel 含全部 ${c.results.length} 个。`}</p>`
      : ''
  }
  <table class="check-results"><thead><tr><th>${t(lang, '序号')}</th><th>${t(lang, '核查内容')}</th><th>${t(lang, '匹配方式')}</th><th>${t(lang, '主体')}</th><th>${t(lang, '核查结论')}</th><th>${t(lang, '名单与标记')}</th><th>${t(lang, '公示中的行政处罚')}</th><th>${t(lang, '应采取的措施')}</th><th>${t(lang, '反馈')}</th></tr></thead>
  <tbody>${shown.map((r, i) => resultRow(r, i, lang, feedbackCell(o, c.results[i]!)))}</tbody></table>`;
}

export interface RecordsOptions {
  coverage: readonly CheckCoverageRow[];
  /** The checks the viewer may open, newest first. */
  checks: readonly CheckSummary[];
  lang: Lang;
}

export function checkRecordsBody(o: RecordsOptions): Html {
  const { lang } = o;
  const total = o.coverage.reduce((n, r) => n + r.checks, 0);
  const departments = new Set(o.coverage.map((r) => r.department)).size;
  const rows = [...o.coverage].sort((a, b) =>
    a.month === b.month ? String(a.department).localeCompare(String(b.department)) : a.month < b.month ? 1 : -1,
  );
  return html`<h1>${t(lang, '核查记录')}</h1>
  ${figures(lang, [
    { n: total, label: t(lang, '核查次数') },
    { n: o.coverage.reduce((n, r) => n + r.subjects, 0), label: t(lang, '核查主体') },
    { n: departments, label: t(lang, '核查部门') },
    { n: o.coverage.reduce((n, r) => n + r.granted_despite_restricted, 0), label: t(lang, '限制后仍予办理') },
  ])}
  <h2>${t(lang, '各部门逐月核查情况（逢办必查）')}</h2>
  <p><a href="/api/v1/datasets/checks?format=xlsx">${t(lang, '导出（Excel）')}</a></p>
  ${
    rows.length === 0
      ? html`<p>${t(lang, '尚无核查记录。')}</p>`
      : html`<table class="check-coverage"><thead><tr><th>${t(lang, '部门')}</th><th>${t(lang, '月份')}</th><th>${t(lang, '核查次数')}</th><th>${t(lang, '核查主体')}</th><th>${t(lang, '限制办理')}</th><th>${t(lang, '审慎办理')}</th><th>${t(lang, '正常办理')}</th><th>${t(lang, '无法核查')}</th><th>${t(lang, '限制后仍予办理')}</th></tr></thead><tbody>${rows.map(
          (r) =>
            html`<tr><td>${r.department === null ? t(lang, '（未设部门）') : data(r.department)}</td><td>${r.month}</td><td>${r.checks}</td><td>${r.subjects}</td><td>${r.restricted}</td><td>${r.caution}</td><td>${r.clear}</td><td>${r.unresolved}</td><td>${r.granted_despite_restricted}</td></tr>`,
        )}</tbody></table>`
  }
  ${
    o.checks.length
      ? html`<h2>${t(lang, '最近的核查')}</h2><table class="check-list"><thead><tr><th>${t(lang, '时间')}</th><th>${t(lang, '用户')}</th><th>${t(lang, '部门')}</th><th>${t(lang, '核查用途')}</th><th>${t(lang, '核查主体')}</th><th>${t(lang, '限制办理')}</th><th></th></tr></thead><tbody>${o.checks.map(
          (c) =>
            html`<tr><td>${shanghaiTime(c.checked_at)}</td><td>${data(c.user)}</td><td>${c.department ? data(c.department) : '—'}</td><td>${c.purpose ? t(lang, c.purpose) : '—'}</td><td>${c.subjects}</td><td>${c.verdicts.restricted}</td><td><a href="/check/${c.check_id}">${t(lang, '查看')}</a></td></tr>`,
        )}</tbody></table>`
      : ''
  }`;
}
