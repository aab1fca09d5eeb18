/**
 * 运行与模型: is the data fresh and did its checks pass? The answer first (the served build, its
 * tests), then the history of builds, the models of this build and the lineage graph.
 */
import type { Principal } from '../lib/auth/roles.js';
import type { PublishedPointer } from '../lib/publish/pointer.js';
import type { BuildRun, HistorySource, ModelRun, TestRun } from '../server/queries/runs.js';
import type { LineageView } from '../server/queries/lineage.js';
import { lineageGraph } from './charts/lineageGraph.js';
import { chineseCount, dateInProse, seconds, shanghaiTime } from './format.js';
import { html, trusted, type Html } from './html.js';
import { layout } from './layout.js';

export interface RunsView {
  build: PublishedPointer | null;
  records: { builds: BuildRun[]; models: ModelRun[]; tests: TestRun[] };
  history: { source: HistorySource; builds: BuildRun[] };
  lineage: LineageView;
}

const STATUS: Record<string, string> = {
  published: '已发布', failed: '未通过', error: '出错', interrupted: '中断', running: '进行中',
  success: '成功', skipped: '跳过', pass: '通过', warn: '警告', fail: '未通过',
};
const ACTION: Record<string, string> = { built: '重建', carried: '沿用上次', skipped: '跳过' };

const status = (s: string): Html => html`<span class="status-${s}">${STATUS[s] ?? s}</span>`;

function figures(view: RunsView): Html {
  const t = view.records.tests;
  const failing = t.filter((x) => x.status === 'fail' || x.status === 'error').length;
  const warned = t.filter((x) => x.status === 'warn').length;
  const built = view.records.models.filter((m) => m.action === 'built').length;
  return html`<ul class="figures">
    <li><span class="n">${view.build ? dateInProse(view.build.as_of) : '—'}</span><span class="label">当前数据截至</span></li>
    <li><span class="n">${shanghaiTime(view.build?.published_at ?? null)}</span><span class="label">发布时间</span></li>
    <li><span class="n">${chineseCount(t.length - failing - warned)} / ${chineseCount(t.length)}</span><span class="label">数据检验通过</span></li>
    <li><span class="n">${chineseCount(warned)}</span><span class="label">检验警告</span></li>
    <li><span class="n">${chineseCount(built)} / ${chineseCount(view.records.models.length)}</span><span class="label">本次重建的模型</span></li>
  </ul>`;
}

function historyTable(view: RunsView): Html {
  const builds = view.history.source === 'warehouse' ? view.history.builds : view.records.builds;
  const note =
    view.history.source === 'warehouse_busy'
      ? html`<p class="note">数据仓库正被导入或构建任务写入，暂时只显示当前构建的记录；任务结束后刷新即可看到完整历史。</p>`
      : view.history.source === 'no_warehouse'
        ? html`<p class="note">尚未导入任何数据。</p>`
        : '';
  return html`<h2>构建历史</h2>${note}
  <table><thead><tr><th>构建</th><th>数据截至</th><th>开始</th><th>用时</th><th>状态</th><th>说明</th></tr></thead><tbody>
  ${builds.map(
    (b) => html`<tr${b.build_id === view.build?.build_id ? html` aria-current="true"` : ''}><td><code>${b.build_id}</code>${b.build_id === view.build?.build_id ? '（当前）' : ''}</td>
      <td>${b.as_of}</td><td>${b.started_at ?? '—'}</td><td class="num">${b.seconds === null ? '—' : seconds(b.seconds)}</td><td>${status(b.status)}</td><td>${b.message ?? ''}</td></tr>`,
  )}
  </tbody></table>`;
}

function testsTable(tests: TestRun[]): Html {
  return html`<h2>数据检验（当前构建）</h2>
  <table><thead><tr><th>检验</th><th>类型</th><th>模型</th><th>级别</th><th>结果</th><th class="num">不符行数</th><th>说明</th></tr></thead><tbody>
  ${tests.map(
    (t) => html`<tr><td>${t.test}</td><td>${t.kind}</td><td>${t.models.join('、')}</td><td>${t.severity === 'error' ? '阻断' : '警告'}</td>
      <td>${status(t.status)}</td><td class="num">${chineseCount(t.failures)}</td><td>${t.message ?? ''}</td></tr>`,
  )}
  </tbody></table>`;
}

function modelsTable(models: ModelRun[]): Html {
  return html`<h2>模型（当前构建）</h2>
  <table><thead><tr><th>模型</th><th>物化方式</th><th>本次</th><th>状态</th><th class="num">行数</th><th class="num">用时</th></tr></thead><tbody>
  ${models.map(
    (m) => html`<tr><td>${m.model}</td><td>${m.materialized}</td><td>${ACTION[m.action] ?? m.action}</td><td>${status(m.status)}</td>
      <td class="num">${m.rows === null ? '—' : chineseCount(m.rows)}</td><td class="num">${seconds(m.seconds)}</td></tr>`,
  )}
  </tbody></table>`;
}

function lineageSection(view: LineageView): Html {
  if (!view.lineage) return html`<h2>血缘关系</h2><p class="note">无法读取模型目录：${view.error ?? ''}</p>`;
  if (view.lineage.nodes.length === 0) return html`<h2>血缘关系</h2><p class="note">模型目录中还没有模型。</p>`;
  return html`<h2>血缘关系：${view.lineage.nodes.length} 个节点，${view.lineage.edges.length} 条依赖</h2>
  <figure class="chart">${trusted(lineageGraph(view.lineage))}</figure>`;
}

export function runsPage(principal: Principal, view: RunsView): string {
  return layout(
    { title: '运行与模型', path: '/runs', principal, build: view.build },
    html`<h1>运行与模型</h1>
    ${figures(view)}
    ${testsTable(view.records.tests)}
    ${historyTable(view)}
    ${modelsTable(view.records.models)}
    ${lineageSection(view.lineage)}`,
  );
}
