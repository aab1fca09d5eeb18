/** The words of the 核查 page and its workbook (Chinese; the page translates them through i18n). */
export const VERDICT_LABELS: Readonly<Record<string, string>> = {
  restricted: '限制办理',
  caution: '审慎办理',
  clear: '正常办理',
};

export const MATCH_LABELS: Readonly<Record<string, string>> = {
  uscc: '按统一社会信用代码',
  name: '按名称',
  ambiguous: '名称对应多个主体',
  not_found: '未找到该名称',
  invalid: '代码无效',
};

/** How a name match was resolved, beside 按名称: by a reviewer's confirmed judgement (名称匹配复核). */
export const RESOLVED_BY_LABELS: Readonly<Record<string, string>> = {
  review: '复核确认',
};

export const CHECK_KIND_LABELS: Readonly<Record<string, string>> = {
  serious_list: '严重失信主体名单',
  court_dishonest: '失信被执行人',
  attention_list: '重点关注名单',
  repeat_violator: '同一领域频繁违法',
  cross_domain_violator: '多个领域多次违法',
  persistent_violator: '屡禁不止',
};

export const SUGGESTION_WHY: Readonly<Record<string, string>> = {
  similar_register_name: '法人库中的相近名称',
  similar_former_name: '法人库中的相近曾用名',
  name_outside_register: '不在法人库、见于其他记录的相近名称',
};

export const verdictLabel = (v: string | null): string => (v === null ? '无法核查' : (VERDICT_LABELS[v] ?? v));
/** 匹配方式 as the workbook writes it: 按名称（复核确认） for a name resolved by a judgement. */
export const matchLabel = (match: string, resolvedBy?: string): string => {
  const how = MATCH_LABELS[match] ?? match;
  return resolvedBy ? `${how}（${RESOLVED_BY_LABELS[resolvedBy] ?? resolvedBy}）` : how;
};
export const kindLabel = (k: string): string => CHECK_KIND_LABELS[k] ?? k;
