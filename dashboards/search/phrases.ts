/** Sentences of the search page, one function per language (word order differs: dashboards/ui/i18n.ts). */
import { html, type Html } from '../ui/html.js';
import { chineseCount } from '../ui/format.js';
import type { Lang } from '../ui/i18n.js';

export interface SearchPhrases {
  lead(query: string, total: number): Html;
  formerName(names: string): Html;
  tooShort(minName: number, minPrefix: number): string;
}

const ZH: SearchPhrases = {
  lead: (q, n) =>
    html`“<span data-value>${q}</span>”共找到 <strong data-total="${n}">${chineseCount(n)}</strong> 个主体。`,
  formerName: (names) => html`曾用名：<span data-value>${names}</span>`,
  tooShort: (n, p) => `按名称搜索至少输入 ${n} 个字，按统一社会信用代码至少输入前 ${p} 位。`,
};

const EN: SearchPhrases = {
  lead: (q, n) =>
    html`<strong data-total="${n}">${n.toLocaleString('en-US')}</strong> ${n === 1 ? 'entity' : 'entities'} found for “<span data-value>${q}</span>”.`,
  formerName: (names) => html`Former name: <span data-value>${names}</span>`,
  tooShort: (n, p) => `Type at least ${n} characters of a name, or the first ${p} characters of a USCC.`,
};

export const searchSay = (lang: Lang): SearchPhrases => (lang === 'en' ? EN : ZH);
