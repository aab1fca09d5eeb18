/** Chinese labels of the codes the marts hold, shared by every page and chart. */
import { readFileSync } from 'node:fs';
import { DEFAULT_REFERENCE_DIR, referencePath } from '../../lib/reference/files.js';

export const LEVELS = ['red', 'orange', 'yellow', 'green'] as const;
export type Level = (typeof LEVELS)[number];

/** The one risk colour language (STYLE.md 15): lightness differs clearly, and the level is always written beside it. */
export const LEVEL_COLOURS: Readonly<Record<Level, string>> = {
  red: '#b2182b',
  orange: '#e66101',
  yellow: '#fdb863',
  green: '#4d9221',
};
export const LEVEL_LABELS: Readonly<Record<Level, string>> = { red: '红', orange: '橙', yellow: '黄', green: '绿' };

export const levelLabel = (l: string): string => LEVEL_LABELS[l as Level] ?? l;

export const WARNING_KINDS: Readonly<Record<string, string>> = {
  repeat_violator: '同一领域频繁违法',
  cross_domain_violator: '多个领域多次违法',
  persistent_violator: '屡禁不止',
  key_project: '重点项目风险',
  department_timeliness: '部门公示及时率不达标',
  department_compliance: '部门公示合规率不达标',
  source_stale: '数据源逾期未报送',
  follow_up_overdue: '督办事项逾期',
  follow_up_escalated: '督办逾期升级',
  watch_list: '重点企业风险',
  grade_change: '信用等级下降',
  government_integrity: '政务诚信',
};

export const WARNING_STATUS: Readonly<Record<string, string>> = { new: '新增', ongoing: '持续', resolved: '已解除' };

export const SIGNAL_KINDS: Readonly<Record<string, string>> = {
  attention_list: '列入重点关注名单',
  serious_list: '列入严重失信主体名单',
  broken_commitment: '违背信用承诺',
  cross_domain_violator: '多个领域多次违法',
  repeat_violator: '同一领域频繁违法',
  tax_grade_c: '纳税信用C级',
  tax_grade_d: '纳税信用D级',
  court_dishonest: '失信被执行人',
  severe_penalty: '严重失信行政处罚',
  counted_penalty: '行政处罚',
};

export const PUBLICATION_STATUS: Readonly<Record<string, string>> = {
  public: '公示中',
  expired: '公示期满',
  not_published: '不予公示（轻微）',
  revoked: '已撤销',
  repaired: '已信用修复',
};

export const NOT_COUNTED: Readonly<Record<string, string>> = {
  natural_person: '自然人',
  unresolved: '主体无法识别',
  revoked: '已撤销',
  repaired: '已信用修复',
  objection_open: '异议处理中',
};

export const LIST_NAMES: Readonly<Record<string, string>> = {
  serious_list: '严重失信主体名单',
  attention_list: '重点关注名单',
};

export const SOURCE_NAMES: Readonly<Record<string, string>> = {
  penalties: '行政处罚',
  court_dishonest: '失信被执行人',
  commitments: '信用承诺',
};

export const INDICATORS: Readonly<Record<string, string>> = {
  publicity_timeliness: '双公示上报及时率',
  publicity_compliance: '双公示数据合规率',
  uscc_error_rate: '统一社会信用代码重错码率',
  water_records_ratio: '水费记录数 / 企业数',
  electricity_records_ratio: '电费记录数 / 企业数',
  tax_records_ratio: '纳税记录数 / 企业数',
  gas_records_ratio: '燃气费记录数 / 企业数',
  commitment_records_ratio: '信用承诺履约记录数 / 市场主体数',
  excellent_rating_share: '公共信用综合评价“优”占比',
  medium_or_below_share: '公共信用综合评价“中”“差”占比',
  good_or_above_share: '公共信用综合评价“良”及以上占比',
  a_grade_taxpayer_share: '纳税信用A级企业占比',
  serious_dishonest_share: '严重失信主体占企业比例',
};

/** Ratios of records to enterprises, not fractions of a whole (each indicator's unit: lib/indicatorUnits.ts). */
export { RATIO_INDICATORS } from '../../lib/indicatorUnits.js';

function readPairs(file: 'sections' | 'regions'): Map<string, string> {
  const text = readFileSync(referencePath(DEFAULT_REFERENCE_DIR, file), 'utf8');
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [code, name] = line.split(',');
    if (code && name) out.set(code, name);
  }
  return out;
}

let sections: Map<string, string> | null = null;
let regions: Map<string, string> | null = null;

/** GB/T 4754 section name, e.g. C → 制造业. */
export function sectorName(code: string | null): string {
  if (code === null) return '未知行业';
  sections ??= readPairs('sections');
  return sections.get(code) ?? code;
}

/** Township (乡镇街道) name from its 9-digit code. */
export function regionName(code: string | null): string {
  if (code === null) return '未知地区';
  regions ??= readPairs('regions');
  return regions.get(code) ?? code;
}
