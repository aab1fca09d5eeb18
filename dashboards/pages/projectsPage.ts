/** 重点项目: which key projects are at risk — counts by level, the board by level, and a project's parties and signals. */
import type { ProjectDetail, ProjectRow } from '../../server/queries/pages/projects.js';
import { html, type Html } from '../html.js';
import { LEVELS, levelLabel, SIGNAL_KINDS } from '../labels.js';
import { figures, levelBadge, profileHref, recordHref } from './parts.js';

export function projectsBody(rows: ProjectRow[]): Html {
  const by = (l: string) => rows.filter((r) => r.risk_level === l);
  return html`<h1>重点项目</h1>
  <p class="lead">${rows.length} 个重点项目中，红色 <strong>${by('red').length}</strong> 个、橙色 <strong>${by('orange').length}</strong> 个。</p>
  ${figures(LEVELS.map((l) => ({ n: by(l).length, label: `${levelLabel(l)}色风险项目`, href: `#level-${l}` })))}
  <div class="board">${LEVELS.map(
    (l) => html`<section class="column" id="level-${l}"><h2>${levelBadge(l)} ${by(l).length} 个</h2><ul>${by(l).map(
      (p) => html`<li><a href="/projects/${encodeURIComponent(p.project_id)}">${p.project_name}</a><span class="note">${p.project_type ?? ''} · ${p.signal_count} 个信号</span></li>`,
    )}</ul></section>`,
  )}</div>`;
}

export function projectBody(d: ProjectDetail & { project: ProjectRow }): Html {
  const p = d.project;
  return html`<h1>${p.project_name}</h1>
  <p class="lead">${levelBadge(p.risk_level)} 风险，${p.signal_count} 个信号 · <code>${p.project_id}</code> · ${p.project_type ?? ''} · ${p.project_status ?? ''}</p>
  <h2>信号与证据</h2>
  ${d.signals.length
    ? html`<table><thead><tr><th>级别</th><th>信号</th><th>参与方</th><th>角色</th><th>证据</th></tr></thead><tbody>${d.signals.map(
        (s) => html`<tr><td>${levelBadge(s.level)}</td><td>${SIGNAL_KINDS[s.kind] ?? s.kind}</td><td><a href="${profileHref(s.uscc)}">${s.party_name}</a></td><td>${s.role}</td>
          <td>${s.evidence.map((e, i) => html`${i ? '、' : ''}${/^(penalties|court_dishonest|commitments):/.test(e) ? html`<a href="${recordHref(e)}">${e.split('|').pop() ?? e}</a>` : html`<span class="small">${e}</span>`}`)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="note">没有风险信号。</p>`}
  <h2>参与方</h2>
  <table><thead><tr><th>名称</th><th>统一社会信用代码</th><th>角色</th><th>来源</th></tr></thead><tbody>${d.parties.map(
    (x) => html`<tr><td><a href="${profileHref(x.uscc)}">${x.party_name}</a></td><td><code>${x.uscc}</code></td><td>${x.role}</td><td>${x.file ?? '—'} 第 ${x.row_number} 行</td></tr>`,
  )}</tbody></table>
  <p><a href="/projects">← 全部重点项目</a></p>`;
}
