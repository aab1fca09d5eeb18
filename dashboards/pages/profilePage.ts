/**
 * 企业信用画像: is this entity a risk and why — flags and warnings with their sentences first, then the
 * timeline, then every record with the file and row it came from.
 */
import type { ProfileData, RawRecord, TraceRow } from '../../server/queries/pages/profile.js';
import { eventTimeline } from '../charts/eventTimeline.js';
import { chineseCount } from '../format.js';
import { html, trusted, type Html } from '../html.js';
import { LIST_NAMES, NOT_COUNTED, PUBLICATION_STATUS, regionName, sectorName, SOURCE_NAMES, WARNING_KINDS, WARNING_STATUS } from '../labels.js';
import { figures, levelBadge, recordHref } from './parts.js';

type Row = Record<string, unknown>;
const s = (v: unknown): string => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join('、') : String(v));
/** A record's file and row, linked to its original cells on /records when the build knows its file. */
const source = (r: Row, from?: string): Html =>
  from && r.file_id !== null && r.file_id !== undefined
    ? html`<a class="source" href="/records?source=${encodeURIComponent(from)}&file=${encodeURIComponent(s(r.file_id))}&row=${encodeURIComponent(s(r.row_number))}">${s(r.file)} 第 ${s(r.row_number)} 行</a>`
    : html`<span class="source">${s(r.file)} 第 ${s(r.row_number)} 行</span>`;

export function profileBody(uscc: string, d: ProfileData, domains: Map<string, string>, asOf: string): Html {
  const reg = (d.sections.register ?? null) as Row | null;
  const list = (k: string) => (d.sections[k] ?? []) as Row[];
  const penalties = list('penalties');
  const warnings = list('warnings');
  const name = s(reg?.name ?? d.events.find((e) => e.raw)?.raw?.['行政相对人名称'] ?? uscc);
  const counted = d.events.filter((e) => e.is_counted).length;
  const dom = (x: unknown) => domains.get(String(x)) ?? s(x);
  return html`<h1>${name}</h1>
  <p class="lead"><code>${uscc}</code> · ${d.flags.length
    ? html`<strong>${d.flags.length}</strong> 项失信标记：${d.flags.map((f) => f.explanation).join('；')}`
    : '没有失信标记。'}</p>
  ${figures([
    { n: counted, label: '计入的违法事件' },
    { n: penalties.length, label: '行政处罚' },
    { n: penalties.filter((p) => p.publication_status === 'public').length, label: '公示中的处罚' },
    { n: list('list_entries').filter((l) => l.is_active).length, label: '在列名单' },
    { n: warnings.filter((w) => w.status !== 'resolved').length, label: '有效预警' },
  ])}
  <h2>登记信息</h2>
  ${reg
    ? html`<table class="kv"><tbody>
      <tr><th>名称</th><td>${s(reg.name)}</td><th>主体类型</th><td>${s(reg.entity_type)}</td></tr>
      <tr><th>登记状态</th><td>${s(reg.registration_status)}</td><th>法定代表人</th><td>${s(reg.legal_rep)}（<span class="id">${s(reg.legal_rep_id_number)}</span>）</td></tr>
      <tr><th>行业</th><td>${s(reg.industry_code)} ${sectorName(reg.sector as string | null)}</td><th>乡镇（街道）</th><td>${regionName(reg.region_code as string | null)}</td></tr>
      <tr><th>来源</th><td colspan="3">${source(reg, 'enterprises')}</td></tr></tbody></table>`
    : html`<p class="note">登记库中没有该主体。</p>`}
  <h2>失信标记与说明</h2>
  ${d.flags.length ? html`<ul>${d.flags.map((f) => html`<li>${f.explanation}（依据：${f.event_ids.map((id, i) => html`${i ? '、' : ''}<a href="${recordHref(id)}">${id.split('|').pop() ?? id}</a>`)}）</li>`)}</ul>` : html`<p class="note">无。</p>`}
  <h2>预警</h2>
  ${warnings.length
    ? html`<table><thead><tr><th>级别</th><th>类型</th><th>状态</th><th>首次发现</th></tr></thead><tbody>${warnings.map(
        (w) => html`<tr><td>${levelBadge(s(w.level))}</td><td>${WARNING_KINDS[s(w.kind)] ?? s(w.kind)}</td><td>${WARNING_STATUS[s(w.status)] ?? s(w.status)}</td><td>${s(w.first_seen)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="note">无。</p>`}
  <h2>违法事件时间线（${chineseCount(d.events.length)} 起，实心为计入）</h2>
  ${d.events.length
    ? html`<figure class="chart" data-chart="timeline">${trusted(eventTimeline(d.events.map((e) => ({ date: e.event_date, domain: dom(e.domain), counted: e.is_counted, label: `${SOURCE_NAMES[e.source] ?? e.source} ${e.event_id.split('|').pop() ?? ''}`, href: recordHref(e.event_id) })), { asOf }))}</figure>`
    : html`<p class="note">没有违法事件。</p>`}
  <h2>行政处罚</h2>
  <table><thead><tr><th>决定书文号</th><th>决定日期</th><th>领域</th><th>部门</th><th>处罚</th><th>严重程度</th><th>公示状态</th><th>是否计入</th><th>来源</th></tr></thead><tbody>
  ${penalties.map((p) => html`<tr><td><a href="${recordHref(s(p.event_id))}">${s(p.decision_no)}</a></td><td>${s(p.decision_date)}</td><td>${dom(p.domain)}</td><td>${s(p.department)}</td>
    <td>${s(p.categories)}${p.fine_yuan ? `，罚款 ${chineseCount(Number(p.fine_yuan))} 元` : ''}</td><td>${s(p.severity)}</td><td>${PUBLICATION_STATUS[s(p.publication_status)] ?? s(p.publication_status)}</td>
    <td>${p.is_counted ? '计入' : `不计入（${NOT_COUNTED[s(p.not_counted_reason)] ?? s(p.not_counted_reason)}）`}</td><td>${source(p)}</td></tr>`)}
  </tbody></table>
  ${otherEvents(d.events.filter((e) => e.source !== 'penalties'), dom)}
  <h2>名单</h2>
  ${tableOf(list('list_entries'), ['名单', '类别', '认定部门', '列入', '移出', '修复', '状态', '来源'], (l) => [LIST_NAMES[s(l.list)] ?? s(l.list), s(l.list_type), s(l.authority), s(l.listed_date), s(l.removed_date), s(l.repair_date), l.is_active ? '在列' : '已移出', source(l, s(l.list))])}
  <h2>信用承诺</h2>
  ${tableOf(list('commitments'), ['类型', '承诺日期', '受理部门', '履约情况', '状态日期', '来源'], (c) => [s(c.commitment_type), s(c.commitment_date), s(c.authority), html`${s(c.fulfilment_status)}${c.is_broken ? html` <strong class="alert">（违诺）</strong>` : ''}`, s(c.status_date), source(c, 'commitments')])}
  <h2>参与的重点项目</h2>
  ${tableOf(list('projects'), ['项目', '类型', '状态', '角色', '风险', '来源'], (p) => [html`<a href="/projects/${encodeURIComponent(s(p.project_id))}">${s(p.project_name)}</a>`, s(p.project_type), s(p.project_status), s(p.role), p.risk_level ? levelBadge(s(p.risk_level)) : '—', source(p, 'project_parties')])}
  <h2>关联法定代表人</h2>
  ${tableOf(list('legal_rep_links'), ['法定代表人', '证件号（脱敏）', '关联主体数'], (l) => [s(l.legal_rep_name), s(l.person_id_masked), s(l.entity_count)])}`;
}

function otherEvents(events: TraceRow[], dom: (x: unknown) => string): Html {
  if (!events.length) return html``;
  return html`<h2>其他违法事件</h2>${tableOf(events as unknown as Row[], ['来源', '日期', '领域', '是否计入', '原始记录'], (e) => [
    SOURCE_NAMES[s(e.source)] ?? s(e.source), s(e.event_date), dom(e.domain), e.is_counted ? '计入' : `不计入（${NOT_COUNTED[s(e.not_counted_reason)] ?? s(e.not_counted_reason)}）`,
    html`<a href="${recordHref(s(e.event_id))}">${s(e.file)} 第 ${s(e.row_number)} 行</a>`,
  ])}`;
}

function tableOf(rows: Row[], heads: string[], cells: (r: Row) => Array<Html | string>): Html {
  if (!rows.length) return html`<p class="note">无。</p>`;
  return html`<table><thead><tr>${heads.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map((r) => html`<tr>${cells(r).map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`;
}

/** 原始记录 of a record that is not an event (register, list entry, commitment, project party). */
export function rawRecordBody(r: RawRecord): Html {
  return html`<h1>原始记录</h1>
  <p class="lead">${SOURCE_NAMES[r.source] ?? r.source}：<strong>${r.file}</strong> 第 <strong data-row="${r.row_number}">${r.row_number}</strong> 行。</p>
  <h2>报送的原始内容</h2>
  <table class="raw"><thead><tr><th>表头</th><th>原始值</th></tr></thead><tbody>
  ${Object.entries(r.raw).map(([k, v]) => html`<tr><th>${k}</th><td>${v ?? ''}</td></tr>`)}
  </tbody></table>`;
}

/** 原始记录: the department, file, row and every original cell of one event, as delivered. */
export function recordBody(t: TraceRow, domains: Map<string, string>): Html {
  const department = t.raw['数据来源单位'] ?? t.raw['处罚机关'] ?? t.raw['执行法院'] ?? t.raw['受理部门'] ?? null;
  return html`<h1>原始记录</h1>
  <p class="lead">${department ?? '—'} 报送的 <strong>${t.file ?? '—'}</strong> 第 <strong data-row="${t.row_number}">${t.row_number}</strong> 行（${SOURCE_NAMES[t.source] ?? t.source}）。</p>
  <table class="kv"><tbody>
    <tr><th>事件</th><td><code>${t.event_id}</code></td></tr>
    <tr><th>主体</th><td>${t.uscc ? html`<a href="/entities/${encodeURIComponent(t.uscc)}">${t.uscc}</a>` : '—'}</td></tr>
    <tr><th>领域 / 日期</th><td>${domains.get(t.domain) ?? t.domain} · ${t.event_date}</td></tr>
    <tr><th>是否计入</th><td>${t.is_counted ? '计入' : `不计入（${NOT_COUNTED[t.not_counted_reason ?? ''] ?? t.not_counted_reason ?? ''}）`}</td></tr>
  </tbody></table>
  <h2>报送的原始内容</h2>
  <table class="raw"><thead><tr><th>表头</th><th>原始值</th></tr></thead><tbody>
  ${Object.entries(t.raw).map(([k, v]) => html`<tr><th>${k}</th><td>${v ?? ''}</td></tr>`)}
  </tbody></table>`;
}
