/**
 * 信用分级分类监管: how the active entities are graded where — the counts per grade, the share at the grades
 * shown by section and township (the leader's heatmap: aggregates only), the 双随机 ratios, and for users who
 * may read entity lists the drill to a cell's entities and each department's 双随机 list (XLSX).
 */
import { gradeHeatmap } from '../charts/gradeHeatmap.js';
import { html, trusted, type Html } from '../ui/html.js';
import { count, t, v, type Lang } from '../ui/i18n.js';
import { regionName, sectorName } from '../ui/labels.js';
import { exportLinks } from '../ui/exportLinks.js';
import { figures, profileHref, withQuery } from '../ui/parts.js';
import { factorLabel, factorsSummary } from '../../pipelines/export/gradeInspections.js';
import { gradeSay } from './phrases.js';
import { GRADES, type EntityGrade, type Grade, type GradeCell } from './query.js';

/** Which grades the heatmap shades: C and D (the office's watch), or D alone. */
export type GradeShow = 'cd' | 'd';
export const SHOWN: Readonly<Record<GradeShow, readonly Grade[]>> = { cd: ['C', 'D'], d: ['D'] };

export interface GradesOptions {
  lang: Lang;
  show: GradeShow;
  min: number;
  /** May open a cell's entities and download a 双随机 list (not leaders). */
  drill: boolean;
  /** The inspection ratio per grade (the scorecard in force). */
  ratios: Readonly<Record<string, number>>;
  /** Departments the user may download a 双随机 list for (a department user: its own only). */
  departments: readonly string[];
}

interface Cell {
  sector: string | null;
  region: string | null;
  entities: number;
  graded: number;
}

function cells(rows: readonly GradeCell[], shown: readonly Grade[]): Cell[] {
  const by = new Map<string, Cell>();
  for (const r of rows) {
    const key = `${r.sector ?? ''}|${r.region_code ?? ''}`;
    const c = by.get(key) ?? { sector: r.sector, region: r.region_code, entities: 0, graded: 0 };
    c.entities += r.entities;
    if (shown.includes(r.grade)) c.graded += r.entities;
    by.set(key, c);
  }
  return [...by.values()];
}

const pct = (n: number, of: number) => (of === 0 ? '—' : `${((n * 100) / of).toFixed(1)}%`);

function controls(opts: GradesOptions): Html {
  const { lang } = opts;
  const option = (value: GradeShow, label: string) =>
    html`<option value="${value}"${opts.show === value ? html` selected` : ''}>${t(lang, label)}</option>`;
  return html`<form class="filters" method="get" action="/grades">
    <label>${t(lang, '显示')}<select name="show">${option('cd', 'C、D 级')}${option('d', 'D 级')}</select></label>
    <label>${t(lang, '最少在营主体')}<input type="number" name="min" min="0" max="9999" value="${opts.min}"></label>
    <button type="submit">${t(lang, '应用')}</button>
  </form>`;
}

function inspections(opts: GradesOptions): Html {
  const { lang } = opts;
  const p = gradeSay(lang);
  if (!opts.drill) return html``;
  const only = opts.departments.length === 1 ? opts.departments[0]! : null;
  const choice =
    only === null
      ? html`<label>${t(lang, '部门')}<select name="department">${opts.departments.map(
          (d) => html`<option value="${d}" data-value>${d}</option>`,
        )}</select></label>`
      : html`<input type="hidden" name="department" value="${only}">`;
  return html`<h2>${t(lang, '双随机抽查名单')}</h2>
  <p class="note">${p.inspectionsNote(only)}</p>
  ${
    opts.departments.length === 0
      ? html`<p class="empty">${t(lang, '没有监管范围内的主体。')}</p>`
      : html`<form class="filters" method="get" action="/grades/inspections/export">
    ${choice}<input type="hidden" name="format" value="xlsx">
    <button type="submit" data-export="inspections">${t(lang, '下载双随机抽查名单（XLSX）')}</button>
  </form>`
  }`;
}

export function gradesBody(rows: readonly GradeCell[], opts: GradesOptions): Html {
  const { lang } = opts;
  const p = gradeSay(lang);
  const shown = SHOWN[opts.show];
  const totals: Record<string, number> = {};
  for (const r of rows) totals[r.grade] = (totals[r.grade] ?? 0) + r.entities;
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  const all = cells(rows, shown);
  const sector = (code: string | null) => t(lang, sectorName(code));
  const sectors = [...new Set(all.map((c) => sector(c.sector)))];
  const columns = [...new Set(all.map((c) => c.region))].sort().map((r) => regionName(r));
  const chart = gradeHeatmap(
    all.map((c) => ({
      row: sector(c.sector),
      column: regionName(c.region),
      graded: c.graded,
      entities: c.entities,
      href:
        opts.drill && c.sector && c.graded > 0
          ? withQuery('/grades/cell', { sector: c.sector, region: c.region, show: opts.show })
          : null,
    })),
    { columnLabel: t(lang, '乡镇（街道）'), columns, rows: sectors, lang, min: opts.min },
  );
  const bySector = new Map<string | null, Record<string, number>>();
  for (const r of rows) {
    const s = bySector.get(r.sector) ?? {};
    s[r.grade] = (s[r.grade] ?? 0) + r.entities;
    bySector.set(r.sector, s);
  }
  const ratios = GRADES.map((g) => `${g} ${Math.round((opts.ratios[g] ?? 0) * 100)}%`).join(t(lang, '、'));
  const gradedIn = (s: Record<string, number>) => shown.reduce((n, g) => n + (s[g] ?? 0), 0);
  const sum = (s: Record<string, number>) => GRADES.reduce((n, g) => n + (s[g] ?? 0), 0);
  const shownLabel = shown.join(t(lang, '、'));
  return html`<h1>${t(lang, '信用分级分类监管')}</h1>
  <p class="lead">${p.lead(total, totals)}</p>
  ${figures(
    lang,
    GRADES.map((g) => ({ n: totals[g] ?? 0, label: `${t(lang, `${g} 级`)} · ${pct(totals[g] ?? 0, total)}` })),
  )}
  <p class="note">${p.ratios(ratios)}</p>
  ${controls(opts)}
  <h2>${t(lang, '各行业门类在各乡镇（街道）的信用等级分布')}</h2>
  <p class="note">${p.heatmapNote(opts.drill)}</p>
  <figure class="chart heatmap-scroll" data-chart="grade-heatmap" data-value>${trusted(chart)}</figure>
  <h2>${t(lang, '按行业门类')}</h2>
  ${exportLinks(lang, '/grades/export', {})}
  <table data-table="grades-by-sector"><thead><tr><th>${t(lang, '行业门类')}</th>${GRADES.map(
    (g) => html`<th class="num">${g}</th>`,
  )}<th class="num">${t(lang, '在营主体')}</th><th class="num">${shownLabel} ${t(lang, '占比')}</th></tr></thead><tbody>
  ${[...bySector].map(
    ([s, n]) =>
      html`<tr><td>${sector(s)}</td>${GRADES.map((g) => html`<td class="num">${count(lang, n[g] ?? 0)}</td>`)}<td class="num">${count(
        lang,
        sum(n),
      )}</td><td class="num">${pct(gradedIn(n), sum(n))}</td></tr>`,
  )}</tbody></table>
  ${inspections(opts)}`;
}

/** The grade and its factors, as a profile shows them (and the drill lists them). */
export function gradeBadge(lang: Lang, grade: string): Html {
  return html`<span class="badge grade grade-${grade.toLowerCase()}" data-grade="${grade}">${t(lang, `${grade} 级`)}</span>`;
}

export function factorsTable(lang: Lang, g: EntityGrade): Html {
  const p = gradeSay(lang);
  if (g.factors.length === 0) return html`<p class="empty">${t(lang, '没有评价因素：按基础分评定。')}</p>`;
  return html`<table data-table="grade-factors"><thead><tr><th>${t(lang, '评价因素')}</th><th class="num">${t(
    lang,
    '分值',
  )}</th><th>${t(lang, '依据')}</th></tr></thead><tbody>
  ${[...g.factors]
    .sort((a, b) => a.points - b.points || (a.factor < b.factor ? -1 : 1))
    .map(
      (f) =>
        html`<tr data-factor="${f.factor}"><td>${t(lang, factorLabel(f.factor))}</td><td class="num">${p.points(
          f.points,
        )}</td><td>${f.evidence.map((e, i) => html`${i ? html`<br>` : ''}<code data-value>${e}</code>`)}</td></tr>`,
    )}</tbody></table>`;
}

export function cellBody(
  cell: { sector: string; region: string | null },
  show: GradeShow,
  rows: readonly EntityGrade[],
  lang: Lang,
): Html {
  const where = html`${t(lang, sectorName(cell.sector))}${cell.region ? html` · ${v(regionName(cell.region))}` : ''}`;
  return html`<h1>${where}</h1>
  <p class="lead">${gradeSay(lang).cellLead(rows.length, SHOWN[show].join(t(lang, '、')))}</p>
  <p><a href="${withQuery('/grades', { show })}">${t(lang, '← 返回信用分级')}</a></p>
  <table><thead><tr><th>${t(lang, '企业')}</th><th>${t(lang, '统一社会信用代码')}</th><th>${t(lang, '信用等级')}</th><th class="num">${t(
    lang,
    '评分',
  )}</th><th>${t(lang, '评价因素')}</th></tr></thead><tbody>
  ${rows.map(
    (r) =>
      html`<tr><td><a href="${profileHref(r.uscc)}">${v(r.name ?? r.uscc)}</a></td><td><code>${r.uscc}</code></td><td>${gradeBadge(
        lang,
        r.grade,
      )}</td><td class="num">${r.score}</td><td><span data-value lang="zh-CN">${factorsSummary(r.factors)}</span></td></tr>`,
  )}</tbody></table>`;
}
