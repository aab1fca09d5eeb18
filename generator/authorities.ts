/**
 * The authorities of the demo district (厦门市海沧区) and the city above it, by the domain their
 * name maps to under rules.md §2. The names are the real naming patterns, so each contains the
 * keyword of its domain — except the ones planted under `other`, whose names contain no keyword.
 */
export interface Authority {
  name: string;
  uscc: string;
  domain: string;
  /** The short prefix of this authority's decision numbers (文号). */
  prefix: string;
  /** Relative volume of penalties this authority issues. */
  penaltyWeight: number;
  /** Typical working-day delay before it reports a decision (some departments are slow). */
  meanDelay: number;
}

type AuthoritySpec = Omit<Authority, 'uscc'>;

const SPECS: readonly AuthoritySpec[] = [
  { name: '厦门市海沧区市场监督管理局', domain: 'market', prefix: '厦海市监罚', penaltyWeight: 30, meanDelay: 3 },
  { name: '厦门市市场监督管理局', domain: 'market', prefix: '厦市监罚', penaltyWeight: 5, meanDelay: 4 },
  { name: '福建省药品监督管理局', domain: 'drug', prefix: '闽药监罚', penaltyWeight: 1, meanDelay: 5 },
  { name: '厦门市海沧生态环境局', domain: 'environment', prefix: '厦海环罚', penaltyWeight: 5, meanDelay: 4 },
  { name: '厦门市海沧区应急管理局', domain: 'safety', prefix: '厦海应急罚', penaltyWeight: 6, meanDelay: 6 },
  { name: '厦门市海沧区消防救援大队', domain: 'fire', prefix: '厦海消行罚决字', penaltyWeight: 6, meanDelay: 3 },
  { name: '国家税务总局厦门市海沧区税务局', domain: 'tax', prefix: '厦海税罚', penaltyWeight: 10, meanDelay: 2 },
  {
    name: '厦门市海沧区人力资源和社会保障局',
    domain: 'labour',
    prefix: '厦海人社监罚',
    penaltyWeight: 3,
    meanDelay: 7,
  },
  { name: '厦门市住房和城乡建设局', domain: 'construction', prefix: '厦建罚', penaltyWeight: 3, meanDelay: 5 },
  { name: '厦门市交通运输局', domain: 'transport', prefix: '厦交执罚', penaltyWeight: 6, meanDelay: 4 },
  { name: '厦门市海沧区卫生健康局', domain: 'health', prefix: '厦海卫罚', penaltyWeight: 3, meanDelay: 5 },
  { name: '厦门市海沧区医疗保障局', domain: 'medical_insurance', prefix: '厦海医保罚', penaltyWeight: 1, meanDelay: 6 },
  { name: '厦门市海沧区文化和旅游局', domain: 'culture_tourism', prefix: '厦海文旅罚', penaltyWeight: 2, meanDelay: 4 },
  { name: '厦门市海沧区教育局', domain: 'education', prefix: '厦海教罚', penaltyWeight: 1, meanDelay: 8 },
  { name: '厦门市海沧区农业农村局', domain: 'agriculture', prefix: '厦海农罚', penaltyWeight: 1, meanDelay: 6 },
  {
    name: '厦门市自然资源和规划局海沧分局',
    domain: 'natural_resources',
    prefix: '厦资源规划海罚',
    penaltyWeight: 1,
    meanDelay: 5,
  },
  { name: '厦门市海沧区水利局', domain: 'water', prefix: '厦海水罚', penaltyWeight: 1, meanDelay: 5 },
  { name: '厦门市海沧区城市管理局', domain: 'urban_management', prefix: '厦海城管罚', penaltyWeight: 8, meanDelay: 3 },
  { name: '厦门市公安局海沧分局', domain: 'public_security', prefix: '厦公海行罚决字', penaltyWeight: 3, meanDelay: 4 },
  { name: '厦门市海沧区商务局', domain: 'commerce', prefix: '厦海商务罚', penaltyWeight: 1, meanDelay: 5 },
  { name: '厦门市海沧区统计局', domain: 'statistics', prefix: '厦海统罚', penaltyWeight: 1, meanDelay: 6 },
  { name: '海沧海关', domain: 'customs', prefix: '海沧关缉违字', penaltyWeight: 1, meanDelay: 5 },
  // No keyword of the domain table in this real naming pattern: it pools under `other`.
  { name: '厦门市海沧区建设与交通局', domain: 'other', prefix: '厦海建交罚', penaltyWeight: 1, meanDelay: 6 },
];

export const COURT = '厦门市海沧区人民法院';
export const COURTS: readonly string[] = [COURT, '厦门市中级人民法院', '厦门市思明区人民法院'];

/** Authorities that issue licences (许可机关); licences are not events, only §7 records. */
export const LICENSING = [
  '厦门市海沧区行政审批局',
  '厦门市海沧区市场监督管理局',
  '厦门市海沧区卫生健康局',
  '厦门市交通运输局',
];

/** Authorities that make serious-dishonesty and key-attention lists (认定部门). */
export const LISTING = {
  serious: [
    { name: '国家税务总局厦门市税务局', type: '重大税收违法失信主体' },
    { name: '厦门市海沧区人力资源和社会保障局', type: '拖欠农民工工资失信联合惩戒对象' },
    { name: '厦门市市场监督管理局', type: '严重违法失信名单' },
    { name: '厦门市应急管理局', type: '安全生产严重失信主体' },
    { name: '厦门市财政局', type: '政府采购严重违法失信行为记录' },
  ],
  attention: [
    { name: '厦门市海沧区市场监督管理局', type: '经营异常名录' },
    { name: '厦门市海沧区应急管理局', type: '安全生产重点关注名单' },
  ],
};

/** Units that accept credit commitments (承诺受理单位), and hence the domain of a broken one. */
export const COMMITMENT_UNITS: readonly { name: string; domain: string }[] = [
  { name: '厦门市海沧区市场监督管理局', domain: 'market' },
  { name: '国家税务总局厦门市海沧区税务局', domain: 'tax' },
  { name: '厦门市海沧区人力资源和社会保障局', domain: 'labour' },
  { name: '厦门市海沧区应急管理局', domain: 'safety' },
  { name: '厦门市海沧区城市管理局', domain: 'urban_management' },
];

/** Government organs get 11 + region + an organisation code; the code is derived from the index. */
export function buildAuthorities(usccOf: (index: number) => string): Authority[] {
  return SPECS.map((s, i) => ({ ...s, uscc: usccOf(i) }));
}
