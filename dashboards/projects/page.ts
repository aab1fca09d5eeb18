/** 重点项目: which key projects are at risk — counts by level, the board by level, and a project's parties and signals. */
import type { ProjectDetail, ProjectRow } from './query.js';
import { html, type Html } from '../ui/html.js';
import { LEVELS, levelLabel, SIGNAL_KINDS } from '../ui/labels.js';
import { say, t, v, type Lang } from '../ui/i18n.js';
import { figures, levelBadge, profileHref, recordHref } from '../ui/parts.js';

export function projectsBody(rows: ProjectRow[], lang: Lang): Html {
  const p = say(lang);
  const by = (l: string) => rows.filter((r) => r.risk_level === l);
  return html`<h1>${t(lang, '重点项目')}</h1>
  <p class="lead">${p.projectsLead(rows.length, by('red').length, by('orange').length)}</p>
  ${figures(
    lang,
    LEVELS.map((l) => ({ n: by(l).length, label: p.levelProjects(t(lang, levelLabel(l))), href: `#level-${l}` })),
  )}
  <div class="board">${LEVELS.map(
    (l) =>
      html`<section class="column" id="level-${l}"><h2>${levelBadge(lang, l)} ${p.projectsInColumn(by(l).length)}</h2><ul>${by(
        l,
      ).map(
        (x) =>
          html`<li><a href="/projects/${encodeURIComponent(x.project_id)}">${v(x.project_name)}</a><span class="note">${x.project_type ? v(x.project_type) : ''} · ${p.signals(x.signal_count)}</span></li>`,
      )}</ul></section>`,
  )}</div>`;
}

export function projectBody(d: ProjectDetail & { project: ProjectRow }, lang: Lang): Html {
  const p = d.project;
  const say_ = say(lang);
  const sep = lang === 'en' ? ', ' : '、';
  return html`<h1>${v(p.project_name)}</h1>
  <p class="lead">${say_.projectLead(levelBadge(lang, p.risk_level), p.signal_count, html`<code>${p.project_id}</code> · ${v(p.project_type ?? '')} · ${v(p.project_status ?? '')}`)}</p>
  <h2>${t(lang, '信号与证据')}</h2>
  ${
    d.signals.length
      ? html`<table><thead><tr><th>${t(lang, '级别')}</th><th>${t(lang, '信号')}</th><th>${t(lang, '参与方')}</th><th>${t(lang, '角色')}</th><th>${t(lang, '证据')}</th></tr></thead><tbody>${d.signals.map(
          (
            s,
          ) => html`<tr><td>${levelBadge(lang, s.level)}</td><td>${t(lang, SIGNAL_KINDS[s.kind] ?? s.kind)}</td><td><a href="${profileHref(s.uscc)}">${v(s.party_name)}</a></td><td>${v(s.role)}</td>
          <td>${s.evidence.map((e, i) => html`${i ? sep : ''}${/^(penalties|court_dishonest|commitments):/.test(e) ? html`<a href="${recordHref(e)}">${v(e.split('|').pop() ?? e)}</a>` : html`<span class="small" data-value>${e}</span>`}`)}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="note">${t(lang, '没有风险信号。')}</p>`
  }
  <h2>${t(lang, '参与方')}</h2>
  <table><thead><tr><th>${t(lang, '名称')}</th><th>${t(lang, '统一社会信用代码')}</th><th>${t(lang, '角色')}</th><th>${t(lang, '来源')}</th></tr></thead><tbody>${d.parties.map(
    (x) =>
      html`<tr><td><a href="${profileHref(x.uscc)}">${v(x.party_name)}</a></td><td><code>${x.uscc}</code></td><td>${v(x.role)}</td><td>${say_.fileRow(x.file ?? '—', String(x.row_number))}</td></tr>`,
  )}</tbody></table>
  <p><a href="/projects">${t(lang, '← 全部重点项目')}</a></p>`;
}
