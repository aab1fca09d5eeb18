/**
 * 运行与模型: is the data fresh and did its checks pass? The answer first (the served build, its
 * tests), then the history of builds, the models of this build and the lineage graph.
 */
import type { Principal } from '../../lib/auth/roles.js';
import type { PublishedPointer } from '../../lib/publish/pointer.js';
import type { BuildRun, HistorySource, ModelRun, TestRun } from './query.js';
import type { LineageView } from './lineage.js';
import { lineageGraph } from '../charts/lineageGraph.js';
import { shanghaiTime } from '../ui/format.js';
import { html, trusted, type Html } from '../ui/html.js';
import { count, dateText, duration, say, t, v, type Lang } from '../ui/i18n.js';
import { layout } from '../ui/layout.js';

export interface RunsView {
  build: PublishedPointer | null;
  records: { builds: BuildRun[]; models: ModelRun[]; tests: TestRun[] };
  history: { source: HistorySource; builds: BuildRun[] };
  lineage: LineageView;
  /** Last day of the served build's working-day calendar: deadlines past it are not judged. */
  calendarEnd?: string | null;
}

const STATUS: Record<string, string> = {
  published: '已发布',
  failed: '未通过',
  error: '出错',
  interrupted: '中断',
  running: '进行中',
  success: '成功',
  skipped: '跳过',
  pass: '通过',
  warn: '警告',
  fail: '未通过',
};
const ACTION: Record<string, string> = { built: '重建', carried: '沿用上次', skipped: '跳过' };

function figures(view: RunsView, lang: Lang): Html {
  const t_ = view.records.tests;
  const failing = t_.filter((x) => x.status === 'fail' || x.status === 'error').length;
  const warned = t_.filter((x) => x.status === 'warn').length;
  const built = view.records.models.filter((m) => m.action === 'built').length;
  const n = (x: number) => count(lang, x);
  const asOf = view.build ? dateText(lang, view.build.as_of) : '—';
  const published = shanghaiTime(view.build?.published_at ?? null);
  const calendarEnd = view.calendarEnd ? view.calendarEnd : '—';
  const passed = n(t_.length - failing - warned);
  const models = n(view.records.models.length);
  return html`<ul class="figures">
    <li><span class="n">${asOf}</span><span class="label">${t(lang, '当前数据截至')}</span></li>
    <li><span class="n">${calendarEnd}</span><span class="label">${t(lang, '工作日历覆盖至')}</span></li>
    <li><span class="n">${published}</span><span class="label">${t(lang, '发布时间')}</span></li>
    <li><span class="n">${passed} / ${n(t_.length)}</span><span class="label">${t(lang, '数据检验通过')}</span></li>
    <li><span class="n">${n(warned)}</span><span class="label">${t(lang, '检验警告')}</span></li>
    <li><span class="n">${n(built)} / ${models}</span><span class="label">${t(lang, '本次重建的模型')}</span></li>
  </ul>`;
}

function historyTable(view: RunsView, lang: Lang): Html {
  const builds = view.history.source === 'warehouse' ? view.history.builds : view.records.builds;
  const status = (s: string): Html => html`<span class="status-${s}">${t(lang, STATUS[s] ?? s)}</span>`;
  const note =
    view.history.source === 'warehouse_busy'
      ? html`<p class="note">${t(lang, '数据仓库正被导入或构建任务写入，暂时只显示当前构建的记录；任务结束后刷新即可看到完整历史。')}</p>`
      : view.history.source === 'no_warehouse'
        ? html`<p class="note">${t(lang, '尚未导入任何数据。')}</p>`
        : '';
  const h = {
    build: t(lang, '构建'),
    asOf: t(lang, '数据截至'),
    start: t(lang, '开始'),
    took: t(lang, '用时'),
    status: t(lang, '状态'),
    note: t(lang, '说明'),
  };
  const row = (b: (typeof builds)[number]): Html => {
    const current = b.build_id === view.build?.build_id;
    const mark = current ? t(lang, '（当前）') : '';
    const started = b.started_at ?? '—';
    const took = b.seconds === null ? '—' : duration(lang, b.seconds);
    const message = b.message ? v(b.message) : '';
    const state = status(b.status);
    return html`<tr${current ? html` aria-current="true"` : ''}><td><code>${b.build_id}</code>${mark}</td>
      <td>${b.as_of}</td><td>${started}</td><td class="num">${took}</td><td>${state}</td><td>${message}</td></tr>`;
  };
  return html`<h2>${t(lang, '构建历史')}</h2>${note}
  <table><thead><tr><th>${h.build}</th><th>${h.asOf}</th><th>${h.start}</th><th>${h.took}</th><th>${
    h.status
  }</th><th>${h.note}</th></tr></thead><tbody>
  ${builds.map(row)}
  </tbody></table>`;
}

function testsTable(tests: TestRun[], lang: Lang): Html {
  const status = (s: string): Html => html`<span class="status-${s}">${t(lang, STATUS[s] ?? s)}</span>`;
  const h = {
    test: t(lang, '检验'),
    kind: t(lang, '类型'),
    model: t(lang, '模型'),
    level: t(lang, '级别'),
    result: t(lang, '结果'),
    failures: t(lang, '不符行数'),
    note: t(lang, '说明'),
  };
  const row = (x: TestRun): Html => {
    const models = x.models.join(lang === 'en' ? ', ' : '、');
    const level = t(lang, x.severity === 'error' ? '阻断' : '警告');
    const message = x.message ? v(x.message) : '';
    return html`<tr><td>${x.test}</td><td>${x.kind}</td><td>${models}</td><td>${level}</td>
      <td>${status(x.status)}</td><td class="num">${count(lang, x.failures)}</td><td>${message}</td></tr>`;
  };
  return html`<h2>${t(lang, '数据检验（当前构建）')}</h2>
  <table><thead><tr><th>${h.test}</th><th>${h.kind}</th><th>${h.model}</th><th>${h.level}</th><th>${
    h.result
  }</th><th class="num">${h.failures}</th><th>${h.note}</th></tr></thead><tbody>
  ${tests.map(row)}
  </tbody></table>`;
}

function modelsTable(models: ModelRun[], lang: Lang): Html {
  const status = (s: string): Html => html`<span class="status-${s}">${t(lang, STATUS[s] ?? s)}</span>`;
  const h = {
    model: t(lang, '模型'),
    materialized: t(lang, '物化方式'),
    action: t(lang, '本次'),
    status: t(lang, '状态'),
    rows: t(lang, '行数'),
    took: t(lang, '用时'),
  };
  const row = (m: ModelRun): Html => {
    const action = t(lang, ACTION[m.action] ?? m.action);
    const rows = m.rows === null ? '—' : count(lang, m.rows);
    return html`<tr><td>${m.model}</td><td>${m.materialized}</td><td>${action}</td><td>${status(m.status)}</td>
      <td class="num">${rows}</td><td class="num">${duration(lang, m.seconds)}</td></tr>`;
  };
  return html`<h2>${t(lang, '模型（当前构建）')}</h2>
  <table><thead><tr><th>${h.model}</th><th>${h.materialized}</th><th>${h.action}</th><th>${
    h.status
  }</th><th class="num">${h.rows}</th><th class="num">${h.took}</th></tr></thead><tbody>
  ${models.map(row)}
  </tbody></table>`;
}

function lineageSection(view: LineageView, lang: Lang): Html {
  if (!view.lineage)
    return html`<h2>${t(lang, '血缘关系')}</h2><p class="note">${say(lang).lineageError(view.error ?? '')}</p>`;
  if (view.lineage.nodes.length === 0)
    return html`<h2>${t(lang, '血缘关系')}</h2><p class="note">${t(lang, '模型目录中还没有模型。')}</p>`;
  return html`<h2>${say(lang).lineageHeading(view.lineage.nodes.length, view.lineage.edges.length)}</h2>
  <figure class="chart">${trusted(lineageGraph(view.lineage, { lang }))}</figure>`;
}

export function runsPage(principal: Principal, view: RunsView, page: { lang: Lang; url: string }): string {
  const { lang } = page;
  return layout(
    { title: t(lang, '运行与模型'), path: '/runs', principal, build: view.build, lang, url: page.url },
    html`<h1>${t(lang, '运行与模型')}</h1>
    ${figures(view, lang)}
    ${testsTable(view.records.tests, lang)}
    ${historyTable(view, lang)}
    ${modelsTable(view.records.models, lang)}
    ${lineageSection(view.lineage, lang)}`,
  );
}
