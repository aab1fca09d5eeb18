/** Words of the follow-up pages, shared by the pages and the exports' Chinese headers. */
import type { FollowUpStatus } from '../../lib/followUp/store.js';
import { t, type Lang } from '../ui/i18n.js';

export const FOLLOW_UP_STATUS: Readonly<Record<FollowUpStatus, string>> = {
  pending: '待办理',
  done: '已办结',
  overdue: '已逾期',
};

/** Done, but with an action dated after the due date. */
export const DONE_LATE = '逾期办结';

export const MEASURES = ['告知', '约谈', '培训'] as const;

export const ROLE_IN_REPORT: Readonly<Record<string, string>> = { lead: '牵头处置', coordinator: '统筹协调' };

/**
 * The follow-up pages' own sentences of issue 18 (the clock of old data, 逾期办结, 佐证材料), kept here
 * beside the pages so dashboards/ui/i18n.ts stays as it is; `t` still answers every other string.
 */
const PHRASES = {
  zh: {
    afterClock: (d: string) => `办理日期不能晚于本通报的当前日期 ${d}（按印发后经过的工作日计）`,
    shifted: (d: string) =>
      `本通报据历史数据生成：办理期限按印发后实际经过的工作日推算，当前按 ${d} 计；逾期在期限届满后才会出现。`,
    attachmentHint: (mb: string, kinds: string) => `可选，不超过 ${mb} MB，限 ${kinds}`,
  },
  en: {
    afterClock: (d: string) =>
      `The date of action cannot be after this report's current date, ${d} (counted in working days since it was issued)`,
    shifted: (d: string) =>
      `This report was made from historical data: its deadlines run on the working days elapsed since it was issued, now ${d}; nothing is overdue before its deadline.`,
    attachmentHint: (mb: string, kinds: string) => `Optional, at most ${mb} MB: ${kinds}`,
  },
} as const;

const WORDS_EN: Readonly<Record<string, string>> = {
  逾期办结: 'Done late',
  佐证材料: 'Supporting file',
  下载: 'Download',
  逾期办结数: 'Done late',
};

type Phrase = keyof (typeof PHRASES)['zh'];

export function ft<K extends Phrase>(lang: Lang, k: K, ...args: Parameters<(typeof PHRASES)['zh'][K]>): string {
  const f = PHRASES[lang][k] as (...a: typeof args) => string;
  return f(...args);
}

/** A word of these pages in the page's language. */
export const fw = (lang: Lang, zh: string): string => (lang === 'en' ? (WORDS_EN[zh] ?? t(lang, zh)) : zh);
