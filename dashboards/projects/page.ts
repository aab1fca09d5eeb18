/** 重点项目: which key projects are at risk — counts by level, the board by level, and a project's parties and signals. */
import type { ProjectDetail, ProjectRow } from './query.js';
import { html, type Html } from '../ui/html.js';
import { LEVELS, levelLabel, SIGNAL_KINDS } from '../ui/labels.js';
import { say, t, v, type Lang } from '../ui/i18n.js';
import { exportLinks } from '../ui/exportLinks.js';
import { figures, levelBadge, profileHref, recordHref } from '../ui/parts.js';

/**
 * `drill`: whether names link to the project pages, which list parties with their USCCs. Leaders see the
 * board (projects are government business) but not the enterprises behind it (issue 18 item 15).
 */
export function projectsBody(rows: ProjectRow[], lang: Lang, drill = true): Html {
  const p = say(lang);
  const by = (l: string) => rows.filter((r) => r.risk_level === l);
  const item = (x: (typeof rows)[number]): Html => {
    const id = encodeURIComponent(x.project_id);
    const type = x.project_type ? v(x.project_type) : '';
    const name = v(x.project_name);
    const signals = p.signals(x.signal_count);
    // Two projects may share a name: the id beside it tells them apart.
    const title = drill ? html`<a href="/projects/${id}">${name}</a>` : name;
    return html`<li>${title} <code class="small">${x.project_id}</code><span class="note">${type} · ${signals}</span></li>`;
  };
  const column = (l: (typeof LEVELS)[number]): Html => {
    const badge = levelBadge(lang, l);
    const heading = p.projectsInColumn(by(l).length);
    const items = by(l).map(item);
    return html`<section class="column" id="level-${l}"><h2>${badge} ${heading}</h2><ul>${items}</ul></section>`;
  };
  return html`<h1>${t(lang, '重点项目')}</h1>
  <p class="lead">${p.projectsLead(rows.length, by('red').length, by('orange').length)}</p>
  ${figures(
    lang,
    LEVELS.map((l) => ({ n: by(l).length, label: p.levelProjects(t(lang, levelLabel(l))), href: `#level-${l}` })),
  )}
  ${exportLinks(lang, '/projects/export')}
  <div class="board">${LEVELS.map(column)}</div>`;
}

export function projectBody(d: ProjectDetail & { project: ProjectRow }, lang: Lang): Html {
  const p = d.project;
  const say_ = say(lang);
  const sep = lang === 'en' ? ', ' : '、';
  const facts = html`<code>${p.project_id}</code> · ${v(p.project_type ?? '')} · ${v(p.project_status ?? '')}`;
  const evidence = (e: string, i: number): Html =>
    html`${i ? sep : ''}${
      /^(penalties|court_dishonest|commitments):/.test(e)
        ? html`<a href="${recordHref(e)}">${v(e.split('|').pop() ?? e)}</a>`
        : html`<span class="small" data-value>${e}</span>`
    }`;
  const signalRow = (s: (typeof d.signals)[number]): Html => {
    const badge = levelBadge(lang, s.level);
    const kind = t(lang, SIGNAL_KINDS[s.kind] ?? s.kind);
    const href = profileHref(s.uscc);
    const party = v(s.party_name);
    return html`<tr><td>${badge}</td><td>${kind}</td><td><a href="${href}">${party}</a></td><td>${v(s.role)}</td>
          <td>${s.evidence.map(evidence)}</td></tr>`;
  };
  const partyRow = (x: (typeof d.parties)[number]): Html => {
    const href = profileHref(x.uscc);
    const name = v(x.party_name);
    const role = v(x.role);
    const fileRow = say_.fileRow(x.file ?? '—', String(x.row_number));
    return html`<tr><td><a href="${href}">${name}</a></td><td><code>${
      x.uscc
    }</code></td><td>${role}</td><td>${fileRow}</td></tr>`;
  };
  const h = {
    level: t(lang, '级别'),
    signal: t(lang, '信号'),
    party: t(lang, '参与方'),
    role: t(lang, '角色'),
    evidence: t(lang, '证据'),
    source: t(lang, '来源'),
  };
  return html`<h1>${v(p.project_name)}</h1>
  <p class="lead">${say_.projectLead(levelBadge(lang, p.risk_level), p.signal_count, facts)}</p>
  <h2>${t(lang, '信号与证据')}</h2>
  ${
    d.signals.length
      ? html`<table><thead><tr><th>${h.level}</th><th>${h.signal}</th><th>${h.party}</th><th>${h.role}</th><th>${
          h.evidence
        }</th></tr></thead><tbody>${d.signals.map(signalRow)}</tbody></table>`
      : html`<p class="note">${t(lang, '没有风险信号。')}</p>`
  }
  <h2>${t(lang, '参与方')}</h2>
  <table><thead><tr><th>${t(lang, '名称')}</th><th>${t(lang, '统一社会信用代码')}</th><th>${t(lang, '角色')}</th><th>${
    h.source
  }</th></tr></thead><tbody>${d.parties.map(partyRow)}</tbody></table>
  ${exportLinks(lang, `/projects/${encodeURIComponent(p.project_id)}/export`, {}, ['xlsx'])}
  <p><a href="/projects">${t(lang, '← 全部重点项目')}</a></p>`;
}
