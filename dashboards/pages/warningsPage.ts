/** 预警: how many warnings by kind, level and status — the counts first, then the filtered list. */
import type { WarningFilter, WarningRow } from '../../server/queries/pages/warnings.js';
import { levelBars } from '../charts/levelBars.js';
import { html, trusted, type Html } from '../html.js';
import { LEVELS, levelLabel, WARNING_KINDS, WARNING_STATUS, type Level } from '../labels.js';
import { figures, levelBadge, pager, profileHref, recordHref, select } from './parts.js';

export function warningsBody(v: { filter: WarningFilter; query: Record<string, string | null>; counts: Array<{ kind: string; level: string; status: string; n: number }>; total: number; rows: WarningRow[]; offset: number; limit: number }): Html {
  const sum = (p: (c: { kind: string; level: string; status: string }) => boolean) => v.counts.filter(p).reduce((s, c) => s + c.n, 0);
  const kinds = [...new Set(v.counts.map((c) => c.kind))];
  const bars = kinds.flatMap((kind) =>
    LEVELS.map((level) => ({ label: WARNING_KINDS[kind] ?? kind, level: level as Level, count: sum((c) => c.kind === kind && c.level === level && c.status !== 'resolved'), href: `/warnings?kind=${kind}&level=${level}` })).filter((b) => b.count > 0),
  );
  const subject = (w: WarningRow) =>
    w.kind === 'key_project'
      ? html`<a href="/projects/${encodeURIComponent(w.subject_id)}">${w.subject_name ?? w.subject_id}</a>`
      : /^[0-9A-Z]{18}$/.test(w.subject_id)
        ? html`<a href="${profileHref(w.subject_id)}">${w.subject_name ?? w.subject_id}</a>`
        : html`${w.subject_name ?? w.subject_id}`;
  return html`<h1>预警</h1>
  <p class="lead">有效预警 <strong>${sum((c) => c.status !== 'resolved')}</strong> 条：新增 <strong>${sum((c) => c.status === 'new')}</strong>，持续 <strong>${sum((c) => c.status === 'ongoing')}</strong>，本次解除 <strong>${sum((c) => c.status === 'resolved')}</strong>。</p>
  ${figures(LEVELS.filter((l) => l !== 'green').map((l) => ({ n: sum((c) => c.level === l && c.status !== 'resolved'), label: `${levelLabel(l)}色预警`, href: `/warnings?level=${l}` })))}
  <h2>有效预警按类型和级别</h2>
  <figure class="chart">${trusted(levelBars(bars))}</figure>
  <form class="filters" method="get" action="/warnings">
    ${select('kind', '类型', v.filter.kind, kinds.map((k) => ({ value: k, label: WARNING_KINDS[k] ?? k })))}
    ${select('level', '级别', v.filter.level, LEVELS.map((l) => ({ value: l, label: levelLabel(l) })))}
    ${select('status', '状态', v.filter.status, Object.entries(WARNING_STATUS).map(([value, label]) => ({ value, label })))}
    <button type="submit">筛选</button> <a href="/warnings">清除</a>
  </form>
  <table><thead><tr><th>级别</th><th>类型</th><th>对象</th><th>状态</th><th>首次发现</th><th>证据</th></tr></thead><tbody>
  ${v.rows.map((w) => html`<tr><td class="nowrap">${levelBadge(w.level)}</td><td class="nowrap">${WARNING_KINDS[w.kind] ?? w.kind}</td><td>${subject(w)}</td><td class="nowrap">${WARNING_STATUS[w.status] ?? w.status}</td><td class="nowrap">${w.first_seen}</td>
    <td>${w.evidence.slice(0, 5).map((e, i) => html`${i ? '、' : ''}${/^(penalties|court_dishonest|commitments):/.test(e) ? html`<a href="${recordHref(e)}">${e.split('|').pop() ?? e}</a>` : html`<span class="small">${e}</span>`}`)}${w.evidence.length > 5 ? ` 等 ${w.evidence.length} 项` : ''}</td></tr>`)}
  </tbody></table>
  ${pager('/warnings', v.query, v.total, v.offset, v.limit)}`;
}
