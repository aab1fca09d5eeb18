/**
 * GB/T 4754-2017 sections with the share of market entities each holds in a coastal Chinese
 * district (individual businesses included), and a few real divisions per section with a word that
 * goes into company names. Shares follow the pattern of national registration statistics: trade,
 * catering and services dominate because most individual businesses are shops and stalls.
 */
export interface SectorSpec {
  section: string;
  share: number;
  /** Share of this section's entities that are individual businesses. */
  individualShare: number;
  divisions: readonly { code: string; word: string; shop: string }[];
}

export const SECTORS: readonly SectorSpec[] = [
  {
    section: 'A',
    share: 0.02,
    individualShare: 0.4,
    divisions: [
      { code: '01', word: '农业', shop: '种植场' },
      { code: '04', word: '水产', shop: '养殖场' },
    ],
  },
  { section: 'B', share: 0.001, individualShare: 0, divisions: [{ code: '10', word: '矿业', shop: '采石场' }] },
  {
    section: 'C',
    share: 0.07,
    individualShare: 0.3,
    divisions: [
      { code: '13', word: '食品', shop: '食品加工坊' },
      { code: '18', word: '服饰', shop: '制衣坊' },
      { code: '29', word: '塑胶', shop: '塑料加工厂' },
      { code: '34', word: '机械', shop: '机械加工店' },
      { code: '39', word: '电子', shop: '电子加工店' },
    ],
  },
  {
    section: 'D',
    share: 0.002,
    individualShare: 0,
    divisions: [
      { code: '44', word: '电力', shop: '电力服务部' },
      { code: '45', word: '燃气', shop: '燃气供应站' },
    ],
  },
  {
    section: 'E',
    share: 0.03,
    individualShare: 0.2,
    divisions: [
      { code: '47', word: '建设工程', shop: '装修队' },
      { code: '48', word: '市政工程', shop: '工程队' },
      { code: '50', word: '装饰工程', shop: '装饰部' },
    ],
  },
  {
    section: 'F',
    share: 0.42,
    individualShare: 0.75,
    divisions: [
      { code: '51', word: '贸易', shop: '商行' },
      { code: '52', word: '商贸', shop: '便利店' },
    ],
  },
  {
    section: 'G',
    share: 0.04,
    individualShare: 0.6,
    divisions: [
      { code: '54', word: '运输', shop: '货运部' },
      { code: '58', word: '物流', shop: '搬运部' },
      { code: '59', word: '仓储', shop: '仓储点' },
    ],
  },
  {
    section: 'H',
    share: 0.1,
    individualShare: 0.85,
    divisions: [
      { code: '61', word: '酒店管理', shop: '民宿' },
      { code: '62', word: '餐饮管理', shop: '小吃店' },
    ],
  },
  {
    section: 'I',
    share: 0.04,
    individualShare: 0.2,
    divisions: [
      { code: '64', word: '网络科技', shop: '网络工作室' },
      { code: '65', word: '信息技术', shop: '电脑服务部' },
    ],
  },
  {
    section: 'J',
    share: 0.004,
    individualShare: 0,
    divisions: [
      { code: '66', word: '金融服务', shop: '金融服务部' },
      { code: '68', word: '保险代理', shop: '保险代理点' },
    ],
  },
  { section: 'K', share: 0.02, individualShare: 0.2, divisions: [{ code: '70', word: '房地产', shop: '房产中介' }] },
  {
    section: 'L',
    share: 0.08,
    individualShare: 0.35,
    divisions: [
      { code: '71', word: '租赁', shop: '租赁站' },
      { code: '72', word: '企业管理', shop: '商务服务部' },
    ],
  },
  {
    section: 'M',
    share: 0.035,
    individualShare: 0.15,
    divisions: [
      { code: '73', word: '生物科技', shop: '技术服务部' },
      { code: '75', word: '科技', shop: '科技服务部' },
    ],
  },
  {
    section: 'N',
    share: 0.005,
    individualShare: 0.3,
    divisions: [
      { code: '77', word: '环保科技', shop: '环保服务部' },
      { code: '78', word: '园林绿化', shop: '绿化队' },
    ],
  },
  {
    section: 'O',
    share: 0.075,
    individualShare: 0.85,
    divisions: [
      { code: '80', word: '家政服务', shop: '理发店' },
      { code: '81', word: '汽车维修', shop: '汽修店' },
    ],
  },
  { section: 'P', share: 0.012, individualShare: 0.3, divisions: [{ code: '83', word: '教育咨询', shop: '培训部' }] },
  { section: 'Q', share: 0.01, individualShare: 0.4, divisions: [{ code: '84', word: '医疗', shop: '诊所' }] },
  {
    section: 'R',
    share: 0.02,
    individualShare: 0.5,
    divisions: [
      { code: '86', word: '文化传媒', shop: '文化工作室' },
      { code: '89', word: '体育', shop: '健身房' },
    ],
  },
  { section: 'S', share: 0.003, individualShare: 0, divisions: [{ code: '95', word: '社会服务', shop: '服务站' }] },
];
