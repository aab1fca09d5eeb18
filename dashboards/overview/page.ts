/** 总览: how much risk is there now and what changed since the last build — the counts first, then the trend. */
import type { OverviewData } from './query.js';
import { levelBars } from '../charts/levelBars.js';
import { monthlyTrend } from '../charts/monthlyTrend.js';
import { html, trusted } from '../ui/html.js';
import { LEVELS, WARNING_KINDS, WARNING_STATUS, type Level } from '../ui/labels.js';
import { figures } from '../ui/parts.js';
import { say, t, type Lang } from '../ui/i18n.js';

export function overviewBody(d: OverviewData, opts: { entityLists: boolean; lang: Lang }): ReturnType<typeof html> {
  const { lang } = opts;
  const p = say(lang);
  const total = d.warnings.reduce((s, w) => s + w.n, 0);
  const active = d.warnings.filter((w) => w.status !== 'resolved').reduce((s, w) => s + w.n, 0);
  const newCount = d.warnings.filter((w) => w.status === 'new').reduce((s, w) => s + w.n, 0);
  const atRisk = d.projects.filter((p) => p.level === 'red' || p.level === 'orange').reduce((s, p) => s + p.n, 0);
  const link = (href: string) => (opts.entityLists ? href : undefined);
  // One kind per chart: the bars are labelled by level (the heading names the kind).
  const byLevel = LEVELS.filter((l) => l !== 'green').map((level) => ({
    level: level as Level,
    count: d.warnings.filter((w) => w.level === level && w.status !== 'resolved').reduce((s, w) => s + w.n, 0),
    href: opts.entityLists ? `/warnings?level=${level}` : null,
  }));
  const projectLevels = LEVELS.map((level) => ({
    level: level as Level,
    count: d.projects.find((p) => p.level === level)?.n ?? 0,
    href: `/projects#level-${level}`,
  }));
  const peak = [...d.eventsByMonth].sort((a, b) => b.events - a.events)[0];
  return html`<h1>${t(lang, '总览')}</h1>
  <p class="lead">${p.overviewLead(active, newCount, atRisk)}</p>
  ${figures(lang, [
    { n: active, label: t(lang, '有效预警'), href: link('/warnings') },
    { n: newCount, label: t(lang, '较上次构建新增'), href: link('/warnings?status=new') },
    // Entities, as the screening report counts them; the violators page lists entity × domain rows.
    { n: d.flags.screened, label: t(lang, '筛查涉及主体（三类合计，户）') },
    { n: d.flags.repeat, label: t(lang, '同一领域频繁违法主体（户）'), href: link('/violators?kind=repeat') },
    { n: d.flags.cross, label: t(lang, '多个领域多次违法主体'), href: link('/violators?kind=cross') },
    { n: d.flags.persistent, label: t(lang, '屡禁不止主体'), href: link('/violators?kind=persistent') },
    { n: atRisk, label: t(lang, '红橙风险重点项目'), href: '/projects' },
  ])}
  <h2>${p.warningsByLevel(total)}</h2>
  <figure class="chart">${trusted(levelBars(byLevel, { lang }))}</figure>
  <h2>${t(lang, '重点项目按风险级别')}</h2>
  <figure class="chart">${trusted(levelBars(projectLevels, { lang }))}</figure>
  <h2>${p.eventsTrend(peak)}</h2>
  <figure class="chart">${trusted(
    monthlyTrend(
      d.eventsByMonth.map((m) => ({ month: m.month, series: t(lang, '计入的违法事件'), value: m.events })),
      { yLabel: t(lang, '事件数'), lang },
    ),
  )}</figure>
  <h2>${t(lang, '较上次构建的变化')}</h2>
  ${
    d.changes.length === 0
      ? html`<p class="note">${t(lang, '与上次发布的构建相比，没有新增或解除的预警。')}</p>`
      : html`<table><thead><tr><th>${t(lang, '预警类型')}</th><th>${t(lang, '变化')}</th><th class="num">${t(lang, '条数')}</th></tr></thead><tbody>${d.changes.map(
          (c) =>
            html`<tr><td>${t(lang, WARNING_KINDS[c.kind] ?? c.kind)}</td><td>${t(lang, WARNING_STATUS[c.status] ?? c.status)}</td><td class="num">${opts.entityLists ? html`<a href="/warnings?kind=${c.kind}&amp;status=${c.status}">${c.n}</a>` : c.n}</td></tr>`,
        )}</tbody></table>`
  }`;
}
