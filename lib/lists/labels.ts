/**
 * The words of the 红黑榜 (docs/rules.md "Red and black lists") for people: the page, the published
 * document and its workbook say the same thing for each code of list_history.
 */
export type ListName = 'red' | 'black';
export type ListChange = 'entered' | 'stayed' | 'left';

export const LIST_LABEL: Record<ListName, { zh: string; en: string }> = {
  red: { zh: '红名单（守信激励）', en: 'Red list (rewarded for integrity)' },
  black: { zh: '黑名单（失信惩戒）', en: 'Black list (disciplined for dishonesty)' },
};

export const CHANGE_LABEL: Record<ListChange, { zh: string; en: string }> = {
  entered: { zh: '新列入', en: 'entered' },
  stayed: { zh: '继续列入', en: 'stayed' },
  left: { zh: '移出', en: 'left' },
};

/** A red reason names a condition: met when entering, failed when leaving. */
const RED_MET: Record<string, { zh: string; en: string }> = {
  grade: { zh: '信用等级达到A级', en: 'credit grade now A' },
  counted_event: { zh: '三年内无失信事件', en: 'no counted event in three years' },
  tax_grade: { zh: '纳税信用A级', en: 'tax grade now A' },
  list_entry: { zh: '名单记录已移出', en: 'list entry ended' },
};
const RED_FAILED: Record<string, { zh: string; en: string }> = {
  grade: { zh: '信用等级不再为A级', en: 'credit grade no longer A' },
  counted_event: { zh: '新增失信事件', en: 'a counted event' },
  tax_grade: { zh: '纳税信用不再为A级', en: 'tax grade no longer A' },
  list_entry: { zh: '被列入名单', en: 'a list entry' },
};
const BLACK: Record<string, { zh: string; en: string }> = {
  serious_list: { zh: '严重失信主体名单', en: 'serious-dishonesty list' },
  persistent_violator: { zh: '屡禁不止', en: 'persistent violator' },
  serious_list_repaired: { zh: '信用修复后移出严重失信主体名单', en: 'repaired off the serious-dishonesty list' },
  serious_list_removed: { zh: '严重失信主体名单已移出', en: 'removed from the serious-dishonesty list' },
  persistent_violator_ended: { zh: '不再属于屡禁不止', en: 'no longer a persistent violator' },
};

/** The reasons of one list_history row in words, joined by 、 (Chinese) or ", " (English). */
export function reasonsText(list: ListName, change: ListChange, reasons: readonly string[], lang: 'zh' | 'en'): string {
  const table = list === 'black' ? BLACK : change === 'left' ? RED_FAILED : RED_MET;
  return reasons.map((r) => table[r]?.[lang] ?? r).join(lang === 'zh' ? '、' : ', ');
}
