/** 预警: how many warnings by kind, level and status — the counts first, then the filtered list. */
import type { WarningFilter, WarningRow } from './query.js';
import { levelBars } from '../charts/levelBars.js';
import { html, trusted, type Html } from '../ui/html.js';
import { LEVELS, levelLabel, WARNING_KINDS, WARNING_STATUS, type Level } from '../ui/labels.js';
import { say, t, v as data, type Lang } from '../ui/i18n.js';
import { exportLinks } from '../ui/exportLinks.js';
import { judgedMonth, MONTHLY_WARNINGS } from '../ui/months.js';
import { figures, levelBadge, pager, profileHref, recordHref, select } from '../ui/parts.js';

export function warningsBody(v: {
  filter: WarningFilter;
  query: Record<string, string | null>;
  counts: Array<{ kind: string; level: string; status: string; n: number }>;
  total: number;
  rows: WarningRow[];
  offset: number;
  limit: number;
  lang: Lang;
  /** The build's as-of: what a warning that is not about a month holds at. */
  asOf: string;
}): Html {
  const { lang } = v;
  const p = say(lang);
  const kindLabel = (kind: string) => t(lang, WARNING_KINDS[kind] ?? kind);
  const sum = (f: (c: { kind: string; level: string; status: string }) => boolean) =>
    v.counts.filter(f).reduce((s, c) => s + c.n, 0);
  const kinds = [...new Set(v.counts.map((c) => c.kind))];
  const bars = kinds.flatMap((kind) =>
    LEVELS.map((level) => ({
      label: kindLabel(kind),
      level: level as Level,
      count: sum((c) => c.kind === kind && c.level === level && c.status !== 'resolved'),
      href: `/warnings?kind=${kind}&level=${level}`,
    })).filter((b) => b.count > 0),
  );
  const subject = (w: WarningRow) =>
    w.kind === 'key_project'
      ? html`<a href="/projects/${encodeURIComponent(w.subject_id)}">${data(w.subject_name ?? w.subject_id)}</a>`
      : /^[0-9A-Z]{18}$/.test(w.subject_id)
        ? html`<a href="${profileHref(w.subject_id)}">${data(w.subject_name ?? w.subject_id)}</a>`
        : data(w.subject_name ?? w.subject_id);
  // A department warning judges a month of publicity: named, and linked to that month's ranking.
  const judged = judgedMonth(v.asOf);
  const period = (w: WarningRow) =>
    MONTHLY_WARNINGS.has(w.kind) ? html`<a href="/publicity?month=${judged}">${judged}</a>` : v.asOf;
  return html`<h1>${t(lang, '预警')}</h1>
  <p class="lead">${p.warningsLead(
    sum((c) => c.status !== 'resolved'),
    sum((c) => c.status === 'new'),
    sum((c) => c.status === 'ongoing'),
    sum((c) => c.status === 'resolved'),
  )}</p>
  ${figures(
    lang,
    LEVELS.filter((l) => l !== 'green').map((l) => ({
      n: sum((c) => c.level === l && c.status !== 'resolved'),
      label: p.levelWarnings(t(lang, levelLabel(l))),
      href: `/warnings?level=${l}`,
    })),
  )}
  <h2>${t(lang, '有效预警按类型和级别')}</h2>
  <figure class="chart">${trusted(levelBars(bars, { lang }))}</figure>
  <form class="filters" method="get" action="/warnings">
    ${select(
      lang,
      'kind',
      t(lang, '类型'),
      v.filter.kind,
      kinds.map((k) => ({ value: k, label: kindLabel(k) })),
    )}
    ${select(
      lang,
      'level',
      t(lang, '级别'),
      v.filter.level,
      LEVELS.map((l) => ({ value: l, label: t(lang, levelLabel(l)) })),
    )}
    ${select(
      lang,
      'status',
      t(lang, '状态'),
      v.filter.status,
      Object.entries(WARNING_STATUS).map(([value, label]) => ({ value, label: t(lang, label) })),
    )}
    <button type="submit">${t(lang, '筛选')}</button> <a href="/warnings">${t(lang, '清除')}</a>
  </form>
  <p class="note">${p.judgedMonthNote(judged)}</p>
  ${exportLinks(lang, '/warnings/export', { ...v.filter })}
  <table><thead><tr><th>${t(lang, '级别')}</th><th>${t(lang, '类型')}</th><th>${t(lang, '对象')}</th><th>${t(lang, '状态')}</th><th>${t(lang, '所指期间')}</th><th>${t(lang, '首次发现')}</th><th>${t(lang, '证据')}</th></tr></thead><tbody>
  ${v.rows.map(
    (
      w,
    ) => html`<tr><td class="nowrap">${levelBadge(lang, w.level)}</td><td class="nowrap">${kindLabel(w.kind)}</td><td>${subject(w)}</td><td class="nowrap">${t(lang, WARNING_STATUS[w.status] ?? w.status)}</td><td class="nowrap">${period(w)}</td><td class="nowrap">${w.first_seen}</td>
    <td>${w.evidence.slice(0, 5).map((e, i) => html`${i ? (lang === 'en' ? ', ' : '、') : ''}${/^(penalties|court_dishonest|commitments):/.test(e) ? html`<a href="${recordHref(e)}">${data(e.split('|').pop() ?? e)}</a>` : html`<span class="small" data-value>${e}</span>`}`)}${w.evidence.length > 5 ? p.moreEvidence(w.evidence.length) : ''}</td></tr>`,
  )}
  </tbody></table>
  ${pager(lang, '/warnings', v.query, v.total, v.offset, v.limit)}`;
}
