/** Sentences of the 信用分级 pages, one function per language (word order differs: dashboards/ui/i18n.ts). */
import { html, type Html } from '../ui/html.js';
import type { Lang } from '../ui/i18n.js';

export interface GradePhrases {
  lead(total: number, counts: Readonly<Record<string, number>>): Html;
  heatmapNote(drill: boolean): string;
  ratios(text: string): Html;
  cellLead(n: number, grades: string): Html;
  inspectionsNote(department: string | null): Html;
  points(n: number): string;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

const ZH: GradePhrases = {
  lead: (total, c) =>
    html`在营主体 <strong>${total}</strong> 户：A 级 <strong>${c.A ?? 0}</strong> 户，B 级 <strong>${c.B ?? 0}</strong> 户，C 级 <strong>${c.C ?? 0}</strong> 户，D 级 <strong>${c.D ?? 0}</strong> 户。`,
  heatmapNote: (drill) =>
    `GB/T 4754 门类 × 乡镇（街道）；颜色越深，该格在营主体中所示等级的占比越高。${drill ? '点击格子查看该格的主体及其评价因素。' : ''}`,
  ratios: (text) => html`双随机抽查比例（按信用等级）：${text}。`,
  cellLead: (n, grades) => html`该格 ${grades} 级主体 <strong>${n}</strong> 户，按评分从低到高。`,
  inspectionsNote: (d) =>
    d === null
      ? html`选择部门，下载其监管范围内主体的信用等级、抽查比例和评价因素（XLSX），导入双随机抽查系统。`
      : html`下载 <span data-value>${d}</span> 监管范围内主体的信用等级、抽查比例和评价因素（XLSX），导入双随机抽查系统。`,
  points: (n) => `${signed(n)} 分`,
};

const EN: GradePhrases = {
  lead: (total, c) =>
    html`<strong>${total.toLocaleString('en-US')}</strong> active entities: grade A <strong>${c.A ?? 0}</strong>, B <strong>${c.B ?? 0}</strong>, C <strong>${c.C ?? 0}</strong>, D <strong>${c.D ?? 0}</strong>.`,
  heatmapNote: (drill) =>
    'GB/T 4754 sections × townships; the darker, the larger the share of active entities at the grades shown.' +
    (drill ? ' Click a cell to see its entities and the factors of their grades.' : ''),
  ratios: (text) => html`Random-inspection ratio by credit grade: ${text}.`,
  cellLead: (n, grades) => html`<strong>${n}</strong> entities at grade ${grades} in this cell, lowest score first.`,
  inspectionsNote: (d) =>
    d === null
      ? html`Choose a department to download the grade, inspection ratio and factors of the entities in its scope (XLSX), for its random-inspection system.`
      : html`Download the grade, inspection ratio and factors of the entities in the scope of <span data-value>${d}</span> (XLSX), for its random-inspection system.`,
  points: (n) => `${signed(n)} points`,
};

export const gradeSay = (lang: Lang): GradePhrases => (lang === 'en' ? EN : ZH);
