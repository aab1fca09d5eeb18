/** Words that real 双公示 penalty extracts of 厦门市海沧区 are made of. */

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖';
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌海燕云飞宇晨浩凯婷雪琳颖佳俊鑫欣怡';
/** Trade-name characters, including a few rare ones that GBK lacks and GB18030 has (䶮, 𠮷). */
export const TRADE =
  '鑫源恒达盛鼎润泰嘉禾瑞丰宏图金海聚福华兴信诚天宇新创优品锦程万通顺发博远永安康和美联众汇昌隆启明青腾航凯旋䶮𠮷';
export const INDUSTRY = [
  '贸易',
  '物流',
  '建材',
  '餐饮管理',
  '科技',
  '电子',
  '食品',
  '建筑工程',
  '装饰工程',
  '机械设备',
  '化工',
  '医药',
  '服装',
  '汽车服务',
  '环保科技',
  '包装材料',
  '水产',
  '供应链管理',
  '信息技术',
  '酒店管理',
] as const;
export const SHOPS = ['小吃店', '便利店', '五金店', '水果店', '理发店', '汽车维修部', '烟酒商行', '服装店'] as const;

export interface BenchAuthority {
  name: string;
  prefix: string;
  weight: number;
}

/** Authority names as the district publishes them; their codes are made up (see governmentUscc). */
export const AUTHORITIES: readonly BenchAuthority[] = [
  { name: '厦门市海沧区市场监督管理局', prefix: '厦海市监罚', weight: 30 },
  { name: '厦门市市场监督管理局', prefix: '厦市监罚', weight: 5 },
  { name: '厦门市海沧生态环境局', prefix: '厦海环罚', weight: 5 },
  { name: '厦门市海沧区应急管理局', prefix: '厦海应急罚', weight: 6 },
  { name: '厦门市海沧区消防救援大队', prefix: '厦海消行罚决字', weight: 6 },
  { name: '国家税务总局厦门市海沧区税务局', prefix: '厦海税罚', weight: 10 },
  { name: '厦门市海沧区人力资源和社会保障局', prefix: '厦海人社监罚', weight: 3 },
  { name: '厦门市交通运输局', prefix: '厦交执罚', weight: 6 },
  { name: '厦门市海沧区卫生健康局', prefix: '厦海卫罚', weight: 3 },
  { name: '厦门市海沧区城市管理局', prefix: '厦海城管罚', weight: 8 },
  { name: '厦门市公安局海沧分局', prefix: '厦公海行罚决字', weight: 3 },
  { name: '厦门市海沧区文化和旅游局', prefix: '厦海文旅罚', weight: 2 },
];

/** 数据来源单位: the district's data-sharing office delivers on behalf of most authorities. */
export const DEPARTMENTS = [
  '厦门市海沧区发展和改革局',
  '厦门市海沧区市场监督管理局',
  '厦门市海沧区行政审批局',
] as const;

export interface Violation {
  type: string;
  facts: string;
  basis: string;
  categories: string;
}

export const VIOLATIONS: readonly Violation[] = [
  {
    type: '未按规定公示年度报告',
    facts: '当事人未按照《企业信息公示暂行条例》规定的期限公示年度报告,经责令仍未改正',
    basis: '《企业信息公示暂行条例》第十八条',
    categories: '警告',
  },
  {
    type: '销售不符合食品安全标准的食品',
    facts: '当事人经营超过保质期的食品,货值金额较小,违法所得已没收',
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
    categories: '罚款;没收违法所得',
  },
  {
    type: '未按规定进行消防设施维护保养',
    facts: '经检查,当事人"消防设施、器材"未保持完好有效,疏散通道被占用',
    basis: '《中华人民共和国消防法》第六十条第一款第（一）项',
    categories: '罚款',
  },
  {
    type: '逾期未申报纳税',
    facts: '当事人未按照规定期限办理纳税申报和报送纳税资料',
    basis: '《中华人民共和国税收征收管理法》第六十二条',
    categories: '罚款',
  },
  {
    type: '超标排放大气污染物',
    facts: '当事人生产过程中产生的挥发性有机物未经收集处理直接排放，经监测超过排放标准',
    basis: '《中华人民共和国大气污染防治法》第九十九条第（二）项',
    categories: '罚款、责令停产停业',
  },
  {
    type: '未取得许可从事经营活动',
    facts: '当事人未取得道路运输经营许可擅自从事道路运输经营',
    basis: '《中华人民共和国道路运输条例》第六十三条',
    categories: '罚款,没收违法所得',
  },
  {
    type: '违反安全生产管理规定',
    facts: '当事人未对从业人员进行安全生产教育和培训，且未如实记录安全生产教育和培训情况',
    basis: '《中华人民共和国安全生产法》第九十七条第（三）项',
    categories: '警告;罚款',
  },
  {
    type: '擅自占用城市道路',
    facts: '当事人未经批准擅自占用城市道路堆放建筑材料',
    basis: '《城市道路管理条例》第四十二条',
    categories: '其他-责令限期改正',
  },
  {
    type: '伪造变造许可证件',
    facts: '当事人使用伪造的《食品经营许可证》从事经营活动',
    basis: '《中华人民共和国行政许可法》第八十条',
    categories: '吊销许可证件;罚款',
  },
];
