/**
 * 企业信用画像: is this entity a risk and why — flags and warnings with their sentences first, then the
 * timeline, then every record with the file and row it came from.
 */
import type { ProfileData, RawRecord, TraceRow } from './query.js';
import { eventTimeline } from '../charts/eventTimeline.js';
import { html, trusted, type Html } from '../ui/html.js';
import {
  LIST_NAMES,
  NOT_COUNTED,
  PUBLICATION_STATUS,
  regionName,
  sectorName,
  SOURCE_NAMES,
  WARNING_KINDS,
  WARNING_STATUS,
} from '../ui/labels.js';
import { say, t, v, type Lang } from '../ui/i18n.js';
import { figures, levelBadge, recordHref } from '../ui/parts.js';
import { factorsTable, gradeBadge } from '../grades/page.js';
import type { EntityGrade } from '../grades/query.js';

type Row = Record<string, unknown>;
const s = (x: unknown): string => (x === null || x === undefined ? '—' : Array.isArray(x) ? x.join('、') : String(x));
/** A delivered value (cells, names, file names): never translated. */
const d_ = (x: unknown): Html => v(s(x));

/** A record's file and row, linked to its original cells on /records when the build knows its file. */
const source = (lang: Lang, r: Row, from?: string): Html => {
  if (!from || r.file_id === null || r.file_id === undefined) {
    return html`<span class="source">${say(lang).fileRow(s(r.file), s(r.row_number))}</span>`;
  }
  const file = encodeURIComponent(s(r.file_id));
  const row = encodeURIComponent(s(r.row_number));
  const fileRow = say(lang).fileRow(s(r.file), s(r.row_number));
  const src = encodeURIComponent(from);
  return html`<a class="source" href="/records?source=${src}&file=${file}&row=${row}">${fileRow}</a>`;
};

const counted = (lang: Lang, isCounted: unknown, reason: unknown): Html | string =>
  isCounted ? t(lang, '计入') : say(lang).notCounted(t(lang, NOT_COUNTED[s(reason)] ?? s(reason)));

export function profileBody(
  uscc: string,
  d: ProfileData,
  domains: Map<string, string>,
  asOf: string,
  lang: Lang,
  opts: { creditReport?: boolean } = {},
): Html {
  const p = say(lang);
  const reg = (d.sections.register ?? null) as Row | null;
  const list = (k: string) => (d.sections[k] ?? []) as Row[];
  const penalties = list('penalties');
  const warnings = list('warnings');
  const name = s(reg?.name ?? d.events.find((e) => e.raw)?.raw?.['行政相对人名称'] ?? uscc);
  const countedEvents = d.events.filter((e) => e.is_counted).length;
  const dom = (x: unknown) => t(lang, domains.get(String(x)) ?? s(x));
  const sep = lang === 'en' ? ', ' : '、';
  const lead = d.flags.length
    ? p.flagsLead(d.flags.length, d.flags.map((f) => f.explanation).join('；'))
    : t(lang, '没有失信标记。');
  const [open, close] = lang === 'en' ? [' (', ')'] : ['（', '）'];
  const flagLink = (id: string, i: number): Html =>
    html`${i ? sep : ''}<a href="${recordHref(id)}">${v(id.split('|').pop() ?? id)}</a>`;
  const flagItem = (f: ProfileData['flags'][number]): Html =>
    html`<li>${v(f.explanation)}${p.basis(html`${f.event_ids.map(flagLink)}`)}</li>`;
  const flagList = html`<ul>${d.flags.map(flagItem)}</ul>`;
  const [hLevel, hKind, hStatus] = ['级别', '类型', '状态'].map((h) => t(lang, h));
  const warningRow = (w: Row): Html => {
    const level = levelBadge(lang, s(w.level));
    const kind = t(lang, WARNING_KINDS[s(w.kind)] ?? s(w.kind));
    const status = t(lang, WARNING_STATUS[s(w.status)] ?? s(w.status));
    return html`<tr><td>${level}</td><td>${kind}</td><td>${status}</td><td>${s(w.first_seen)}</td></tr>`;
  };
  const penaltyHeads = ['决定书文号', '决定日期', '领域', '部门', '处罚', '严重程度', '公示状态', '是否计入', '来源'];
  const penaltyRow = (x: Row): Html => {
    const href = recordHref(s(x.event_id));
    const no = d_(x.decision_no);
    const date = s(x.decision_date);
    const dept = d_(x.department);
    const fine = x.fine_yuan ? p.fine(Number(x.fine_yuan)) : '';
    const status = t(lang, PUBLICATION_STATUS[s(x.publication_status)] ?? s(x.publication_status));
    return html`<tr><td><a href="${href}">${no}</a></td><td>${date}</td><td>${dom(x.domain)}</td><td>${dept}</td>
    <td>${d_(x.categories)}${fine}</td><td>${d_(x.severity)}</td><td>${status}</td>
    <td>${counted(lang, x.is_counted, x.not_counted_reason)}</td><td>${source(lang, x)}</td></tr>`;
  };
  return html`<h1>${v(name)}</h1>
  <p class="lead"><code>${uscc}</code> · ${lead}</p>
  ${opts.creditReport ? creditReportButton(uscc, lang) : ''}
  ${figures(lang, [
    { n: countedEvents, label: t(lang, '计入的违法事件') },
    { n: penalties.length, label: t(lang, '行政处罚') },
    { n: penalties.filter((x) => x.publication_status === 'public').length, label: t(lang, '公示中的处罚') },
    { n: list('list_entries').filter((l) => l.is_active).length, label: t(lang, '在列名单') },
    { n: warnings.filter((w) => w.status !== 'resolved').length, label: t(lang, '有效预警') },
  ])}
  <h2>${t(lang, '登记信息')}</h2>
  ${
    reg
      ? html`<table class="kv"><tbody>
      <tr><th>${t(lang, '名称')}</th><td>${d_(reg.name)}</td><th>${t(lang, '主体类型')}</th><td>${d_(
        reg.entity_type,
      )}</td></tr>
      <tr><th>${t(lang, '登记状态')}</th><td>${d_(reg.registration_status)}</td><th>${t(lang, '法定代表人')}</th><td>${d_(
        reg.legal_rep,
      )}${open}<span class="id">${s(reg.legal_rep_id_number)}</span>${close}</td></tr>
      <tr><th>${t(lang, '行业')}</th><td>${s(reg.industry_code)} ${t(
        lang,
        sectorName(reg.sector as string | null),
      )}</td><th>${t(lang, '乡镇（街道）')}</th><td>${v(regionName(reg.region_code as string | null))}</td></tr>
      <tr><th>${t(lang, '来源')}</th><td colspan="3">${source(lang, reg, 'enterprises')}</td></tr></tbody></table>`
      : html`<p class="note">${t(lang, '登记库中没有该主体。')}</p>`
  }
  ${gradeSection(lang, d.sections.credit_grade as EntityGrade | null | undefined)}
  <h2>${t(lang, '失信标记与说明')}</h2>
  ${d.flags.length ? flagList : html`<p class="note">${t(lang, '无。')}</p>`}
  <h2>${t(lang, '预警')}</h2>
  ${
    warnings.length
      ? html`<table><thead><tr><th>${hLevel}</th><th>${hKind}</th><th>${hStatus}</th><th>${t(
          lang,
          '首次发现',
        )}</th></tr></thead><tbody>${warnings.map(warningRow)}</tbody></table>`
      : html`<p class="note">${t(lang, '无。')}</p>`
  }
  <h2>${p.timeline(d.events.length)}</h2>
  ${
    d.events.length
      ? html`<figure class="chart" data-chart="timeline" data-value>${trusted(
          eventTimeline(
            d.events.map((e) => ({
              date: e.event_date,
              domain: dom(e.domain),
              counted: e.is_counted,
              label: `${t(lang, SOURCE_NAMES[e.source] ?? e.source)} ${e.event_id.split('|').pop() ?? ''}`,
              href: recordHref(e.event_id),
            })),
            { asOf, lang },
          ),
        )}</figure>`
      : html`<p class="note">${t(lang, '没有违法事件。')}</p>`
  }
  <h2>${t(lang, '行政处罚')}</h2>
  <table><thead><tr>${penaltyHeads.map((h) => html`<th>${t(lang, h)}</th>`)}</tr></thead><tbody>
  ${penalties.map(penaltyRow)}
  </tbody></table>
  ${otherEvents(
    d.events.filter((e) => e.source !== 'penalties'),
    dom,
    lang,
  )}
  <h2>${t(lang, '名单')}</h2>
  ${tableOf(lang, list('list_entries'), ['名单', '类别', '认定部门', '列入', '移出', '修复', '状态', '来源'], (l) => [
    t(lang, LIST_NAMES[s(l.list)] ?? s(l.list)),
    d_(l.list_type),
    d_(l.authority),
    s(l.listed_date),
    s(l.removed_date),
    s(l.repair_date),
    t(lang, l.is_active ? '在列' : '已移出'),
    source(lang, l, s(l.list)),
  ])}
  <h2>${t(lang, '信用承诺')}</h2>
  ${tableOf(lang, list('commitments'), ['类型', '承诺日期', '受理部门', '履约情况', '状态日期', '来源'], (c) => [
    d_(c.commitment_type),
    s(c.commitment_date),
    d_(c.authority),
    html`${d_(c.fulfilment_status)}${c.is_broken ? html` <strong class="alert">${t(lang, '（违诺）')}</strong>` : ''}`,
    s(c.status_date),
    source(lang, c, 'commitments'),
  ])}
  <h2>${t(lang, '参与的重点项目')}</h2>
  ${tableOf(lang, list('projects'), ['项目', '类型', '状态', '角色', '风险', '来源'], (x) => [
    html`<a href="/projects/${encodeURIComponent(s(x.project_id))}">${d_(x.project_name)}</a>`,
    d_(x.project_type),
    d_(x.project_status),
    d_(x.role),
    x.risk_level ? levelBadge(lang, s(x.risk_level)) : '—',
    source(lang, x, 'project_parties'),
  ])}
  <h2>${t(lang, '关联法定代表人')}</h2>
  ${tableOf(lang, list('legal_rep_links'), ['法定代表人', '证件号（脱敏）', '关联主体数'], (l) => [
    d_(l.legal_rep_name),
    s(l.person_id_masked),
    s(l.entity_count),
  ])}
  <p class="exports"><a href="/entities/${encodeURIComponent(uscc)}/export?format=xlsx" download>${t(
    lang,
    '导出全部表格（XLSX）',
  )}</a></p>`;
}

function otherEvents(events: TraceRow[], dom: (x: unknown) => string, lang: Lang): Html {
  if (!events.length) return html``;
  return html`<h2>${t(lang, '其他违法事件')}</h2>${tableOf(
    lang,
    events as unknown as Row[],
    ['来源', '日期', '领域', '是否计入', '原始记录'],
    (e) => [
      t(lang, SOURCE_NAMES[s(e.source)] ?? s(e.source)),
      s(e.event_date),
      dom(e.domain),
      counted(lang, e.is_counted, e.not_counted_reason),
      html`<a href="${recordHref(s(e.event_id))}">${say(lang).fileRow(s(e.file), s(e.row_number))}</a>`,
    ],
  )}`;
}

function tableOf(lang: Lang, rows: Row[], heads: string[], cells: (r: Row) => Array<Html | string>): Html {
  if (!rows.length) return html`<p class="note">${t(lang, '无。')}</p>`;
  const head = heads.map((h) => html`<th>${t(lang, h)}</th>`);
  const body = rows.map((r) => html`<tr>${cells(r).map((c) => html`<td>${c}</td>`)}</tr>`);
  return html`<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The delivered headers and cells of a record: data, shown as delivered. */
function rawTable(lang: Lang, raw: Record<string, string | null>): Html {
  return html`<table class="raw"><thead><tr><th>${t(lang, '表头')}</th><th>${t(lang, '原始值')}</th></tr></thead><tbody>
  ${Object.entries(raw).map(([k, x]) => html`<tr data-value><th>${k}</th><td>${x ?? ''}</td></tr>`)}
  </tbody></table>`;
}

/** 原始记录 of a record that is not an event (register, list entry, commitment, project party). */
export function rawRecordBody(r: RawRecord, lang: Lang): Html {
  return html`<h1>${t(lang, '原始记录')}</h1>
  <p class="lead">${say(lang).rawLead(t(lang, SOURCE_NAMES[r.source] ?? r.source), r.file, r.row_number)}</p>
  <h2>${t(lang, '报送的原始内容')}</h2>
  ${rawTable(lang, r.raw)}`;
}

/** 原始记录: the department, file, row and every original cell of one event, as delivered. */
export function recordBody(r: TraceRow, domains: Map<string, string>, lang: Lang): Html {
  const department = r.raw['数据来源单位'] ?? r.raw['处罚机关'] ?? r.raw['执行法院'] ?? r.raw['受理部门'] ?? null;
  const sourceName = t(lang, SOURCE_NAMES[r.source] ?? r.source);
  const subject = r.uscc ? html`<a href="/entities/${encodeURIComponent(r.uscc)}">${r.uscc}</a>` : '—';
  return html`<h1>${t(lang, '原始记录')}</h1>
  <p class="lead">${say(lang).recordLead(department ?? '—', r.file ?? '—', r.row_number, sourceName)}</p>
  <table class="kv"><tbody>
    <tr><th>${t(lang, '事件')}</th><td><code data-value>${r.event_id}</code></td></tr>
    <tr><th>${t(lang, '主体')}</th><td>${subject}</td></tr>
    <tr><th>${t(lang, '领域 / 日期')}</th><td>${t(lang, domains.get(r.domain) ?? r.domain)} · ${r.event_date}</td></tr>
    <tr><th>${t(lang, '是否计入')}</th><td>${counted(lang, r.is_counted, r.not_counted_reason ?? '')}</td></tr>
  </tbody></table>
  <h2>${t(lang, '报送的原始内容')}</h2>
  ${rawTable(lang, r.raw)}`;
}

/** 出具信用报告 (server/routes/creditReports.ts): shown to the roles that may issue reports. */
const creditReportButton = (uscc: string, lang: Lang): Html =>
  html`<p class="actions"><a class="button" href="/entities/${encodeURIComponent(uscc)}/credit-report">${t(
    lang,
    '出具信用报告',
  )}</a></p>`;

/** 信用评价: the grade with its score and the factors that made it (an entity not active is not graded). */
function gradeSection(lang: Lang, g: EntityGrade | null | undefined): Html {
  if (g === undefined) return html``;
  return html`<h2>${t(lang, '信用评价')}</h2>
  ${
    g === null
      ? html`<p class="note">${t(lang, '非在营主体，不评定信用等级。')}</p>`
      : html`<p class="lead" data-credit-grade="${g.grade}">${gradeBadge(lang, g.grade)} ${t(lang, '评分')} <strong>${g.score}</strong></p>
  ${factorsTable(lang, g)}`
  }`;
}
