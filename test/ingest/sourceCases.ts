/** One small extract per source: valid rows and the faults each source can have, with what must come of them. */
import { csvUtf8, csvGb18030, xlsx, jsonArray, jsonLines, type Cell } from './helpers.js';
import { uscc, idNumber } from './codes.js';

const A = uscc('91350205', 'MA2Y0KXQ');
const B = uscc('91350200', 'MA31TT0U');
const IB = uscc('92350205', 'MA3C1234');
const PERSON = idNumber('35020519800515201');

export interface Case {
  format: 'csv' | 'gb18030' | 'xlsx' | 'json' | 'jsonl';
  file?: string;
  headers: string[];
  rows: Cell[][];
  /** Per row: its quarantine reason (null = loaded), and expected values of loaded rows. */
  expect: { reason: string | null; key?: string; values?: Record<string, unknown>; findings?: string[] }[];
}

export const CASES: Record<string, Case> = {
  penalties: {
    format: 'csv',
    headers: [
      'CF_XDR_MC',
      'CF_XDR_SHXYM',
      'CF_WSH',
      'CF_XZJG',
      'CF_JDRQ',
      'CF_CFLB1',
      'CF_CFLB2',
      'CF_JG',
      'CF_ZT',
      'CF_XDR_SFZ',
    ],
    rows: [
      [
        '厦门甲公司',
        A,
        '厦海环罚〔2024〕3号',
        '厦门市海沧生态环境局',
        '2024-05-06',
        '2',
        '5',
        '罚款并吊销许可证',
        '1',
        null,
      ],
      ['张三', null, '厦海环罚〔2024〕4号', '厦门市海沧生态环境局', '2024-05-07', '1', null, '警告', '0', PERSON],
      ['无名', null, '厦海环罚〔2024〕5号', '厦门市海沧生态环境局', '2024-05-08', '1', null, '警告', '0', null],
    ],
    expect: [
      {
        reason: null,
        key: '厦门市海沧生态环境局|厦海环罚〔2024〕3号',
        values: {
          subject_kind: '法人及非法人组织',
          categories: ['吊销许可证件', '罚款'],
          status: '撤销',
          decision_date: '2024-05-06',
        },
      },
      { reason: null, values: { subject_kind: '自然人', id_number: PERSON, status: '正常', categories: ['警告'] } },
      { reason: 'unknown_subject_kind' },
    ],
  },
  licenses: {
    format: 'json',
    headers: ['XK_XDR', 'XK_XDR_SHXYM', 'XK_WSH', 'XK_XZJG', 'XK_JDRQ', 'XK_SPLB', 'XK_XMMC', 'XK_JZQ'],
    rows: [
      [
        '厦门甲公司',
        A,
        '厦海住建许〔2024〕1号',
        '厦门市海沧区住房和城乡建设局',
        '2024/01/02',
        '1',
        '建筑工程施工许可',
        '2099-12-31',
      ],
      ['厦门乙公司', B, null, '厦门市海沧区住房和城乡建设局', '2024/01/03', '其他-备案', '备案', null],
    ],
    expect: [
      {
        reason: null,
        key: '厦门市海沧区住房和城乡建设局|厦海住建许〔2024〕1号',
        values: {
          category: '普通',
          content: '建筑工程施工许可',
          valid_to: '2099-12-31',
          subject_kind: '法人及非法人组织',
        },
      },
      { reason: 'missing_required:行政许可决定文书号' },
    ],
  },
  court_dishonest: {
    format: 'xlsx',
    headers: [
      '案号',
      '被执行人名称',
      '统一社会信用代码',
      '身份证号码/组织机构代码',
      '执行法院',
      '发布时间',
      '移除日期',
    ],
    rows: [
      ['（2024）闽0205执123号', '厦门甲公司', A, null, '厦门市海沧区人民法院', '2024-06-01', null],
      ['（2024）闽0205执123号', '李四', null, PERSON, '厦门市海沧区人民法院', '2024-06-01', '2025-01-01'],
      ['（2024）闽0205执124号', '厦门乙公司', B, null, '厦门市海沧区人民法院', 'not a date', null],
    ],
    expect: [
      {
        reason: null,
        key: `〔2024〕闽0205执123号|${A}`,
        values: { is_natural_person: false, published_date: '2024-06-01' },
      },
      {
        reason: null,
        key: `〔2024〕闽0205执123号|${PERSON}`,
        values: { is_natural_person: true, removed_date: '2025-01-01' },
      },
      { reason: 'unreadable_date:发布时间' },
    ],
  },
  serious_list: {
    format: 'csv',
    headers: ['主体名称', '统一社会信用代码', '名单类型', '列入日期', '认定部门', '认定文书号', '移出日期'],
    rows: [
      [
        '厦门甲公司',
        A,
        '重大税收违法失信主体',
        '2024年3月1日',
        '国家税务总局厦门市海沧区税务局',
        '厦海税稽〔2024〕9号',
        null,
      ],
      ['厦门乙公司', null, '严重违法失信名单', null, '厦门市海沧区市场监督管理局', null, null],
    ],
    expect: [
      {
        reason: null,
        key: `国家税务总局厦门市海沧区税务局|重大税收违法失信主体|${A}|2024-03-01`,
        values: { listed_date: '2024-03-01', decision_no: '厦海税稽〔2024〕9号' },
      },
      { reason: 'missing_required:列入日期' },
    ],
  },
  attention_list: {
    format: 'gb18030',
    headers: ['主体名称', '统一社会信用代码', '名单类型', '列入日期', '认定部门', '移出日期', '移出原因'],
    rows: [
      ['厦门乙公司', B, '经营异常名录', '2024.02.03', '厦门市海沧区市场监督管理局', '2024.08.01', '已补报年报'],
      ['', B, '经营异常名录', '2024.02.04', '厦门市海沧区市场监督管理局', null, null],
    ],
    expect: [
      { reason: null, values: { list_type: '经营异常名录', removed_date: '2024-08-01', removal_reason: '已补报年报' } },
      { reason: 'missing_required:主体名称' },
    ],
  },
  commitments: {
    format: 'jsonl',
    headers: [
      '承诺人名称',
      '统一社会信用代码',
      '承诺类型',
      '承诺作出日期',
      '承诺受理单位',
      '承诺履行状态',
      '承诺履行状态认定日期',
      '承诺编码',
    ],
    rows: [
      ['厦门甲公司', A, '容缺受理型', '2024-01-10', '厦门市海沧区行政审批局', '部分履行', '2024-06-30', 'CN-001'],
      ['厦门乙公司', B, '证明事项型', '2024-01-11', '厦门市海沧区行政审批局', '全部履行', '2024-06-30', null],
      ['厦门乙公司', B, '口头型', '2024-01-12', '厦门市海沧区行政审批局', '未到期', null, null],
    ],
    expect: [
      { reason: null, key: 'CN-001', values: { is_broken: true, status_date: '2024-06-30' } },
      { reason: null, key: `厦门市海沧区行政审批局|${B}|2024-01-11|证明事项型`, values: { is_broken: false } },
      { reason: null, findings: ['invalid_enum:承诺类型'], values: { commitment_type: null } },
    ],
  },
  tax_credit: {
    format: 'csv',
    headers: ['纳税人名称', '统一社会信用代码', '评价年度', '信用等级', '评价日期'],
    rows: [
      ['厦门甲公司', A, '2023年度', 'A', '2024-04-01'],
      ['厦门乙公司', B, '2023', 'E', null],
      ['厦门丙公司', null, '2023', 'B', null],
    ],
    expect: [
      { reason: null, key: `${A}|2023`, values: { evaluation_year: 2023, grade: 'A' } },
      { reason: null, findings: ['invalid_enum:信用等级'] },
      { reason: 'missing_required:统一社会信用代码' },
    ],
  },
  public_rating: {
    format: 'csv',
    headers: ['主体名称', '统一社会信用代码', '评价等级', '评价日期'],
    rows: [['厦门甲公司', A.toLowerCase().replace(/(.{4})/g, '$1 '), '优', '2024-12-31']],
    expect: [{ reason: null, key: `${A}|2024-12-31`, values: { uscc: A, rating: '优' } }],
  },
  utilities: {
    format: 'csv',
    headers: ['主体名称', '统一社会信用代码', '类型', '账期', '应缴金额（元）', '欠费金额（元）', '连续欠费月数'],
    rows: [
      ['厦门甲公司', A, '电费', '2024年5月', '1,200.50', '300', '3'],
      ['厦门甲公司', A, '水费', '2024-13', '100', '0', '0'],
    ],
    expect: [
      {
        reason: null,
        key: `${A}|电费|2024-05`,
        values: { period: '2024-05-01', amount_due_yuan: 1200.5, arrears_months: 3 },
      },
      { reason: 'unreadable_date:账期' },
    ],
  },
  enterprises: {
    format: 'xlsx',
    headers: [
      '统一社会信用代码',
      '企业名称',
      '市场主体类型',
      '法定代表人',
      '法定代表人证件号码',
      '注册资本（万元）',
      '行业代码',
      '所属区域代码',
      '登记状态',
    ],
    rows: [
      [A, '厦门甲公司', '企业', '赵六', '350205198005152010', 100, 'C3911', '350205001', '在营'],
      [IB, '海沧李记小吃店', '个体工商户', '李记', null, null, '6210', '350205002', '吊销，未注销'],
      ['123', '厦门某无效码公司', '企业', null, null, null, 'F', '350205', '存续'],
      [B, '厦门乙公司', null, null, null, null, 'F', '350205', '存续'],
    ],
    expect: [
      {
        reason: null,
        key: `${A}|厦门甲公司`,
        values: { registration_status: '存续', registered_capital_yuan: 1000000, industry_code_norm: 'C3911' },
      },
      { reason: null, values: { registration_status: '吊销', industry_code_norm: '6210' } },
      { reason: null, findings: ['invalid_uscc:统一社会信用代码'], key: '123|厦门某无效码公司' },
      { reason: 'missing_required:市场主体类型' },
    ],
  },
  key_projects: {
    format: 'csv',
    headers: ['项目编号', '项目名称', '项目类型', '所属区域代码', '总投资（亿元）', '总投资', '项目状态'],
    rows: [
      ['XM-2024-001', '海沧新城综合体', '重点建设项目', '350205001', null, '12000', '在建'],
      ['XM-2024-002', '某项目', null, null, null, null, null],
    ],
    expect: [
      { reason: null, key: 'XM-2024-001', values: { total_investment_yuan: 120000000, project_status: '在建' } },
      { reason: 'missing_required:项目类型' },
    ],
  },
  project_parties: {
    format: 'csv',
    headers: ['项目编号', '单位名称', '统一社会信用代码', '参与角色'],
    rows: [
      ['XM-2024-001', '厦门甲公司', A, '施工总承包'],
      ['XM-2024-001', '厦门无码劳务公司', null, '劳务分包'],
    ],
    expect: [
      { reason: null, key: `XM-2024-001|${A}|施工总承包` },
      { reason: null, key: 'XM-2024-001|厦门无码劳务公司|劳务分包' },
    ],
  },
  repairs: {
    format: 'csv',
    headers: ['主体名称', '统一社会信用代码', '修复类型', '关联文书号', '修复决定日期', '修复机关'],
    rows: [
      ['厦门甲公司', A, '行政处罚', '厦海环罚[2024]3号', '2025-01-02', '厦门市海沧生态环境局'],
      ['厦门甲公司', A, '行政处罚', '厦海环罚[2024]3号', '2025-01-02', null],
    ],
    expect: [
      { reason: null, key: '行政处罚|厦海环罚〔2024〕3号|2025-01-02', values: { repair_date: '2025-01-02' } },
      { reason: 'missing_required:修复机关' },
    ],
  },
  objections: {
    format: 'csv',
    headers: ['主体名称', '统一社会信用代码', '关联文书号', '异议提出日期', '处理状态', '处理完成日期'],
    rows: [['厦门甲公司', A, '厦海环罚〔2024〕3号', '2024-06-01', '处理中', null]],
    expect: [
      {
        reason: null,
        key: '厦海环罚〔2024〕3号|2024-06-01',
        values: { handling_status: '处理中', completed_date: null },
      },
    ],
  },
  screening_reports: {
    format: 'csv',
    headers: ['通报文号', '通报日期', '统一社会信用代码', '主体名称', '通报类型', '领域'],
    rows: [['信用办〔2024〕3号', '2024-12-05', A, '厦门甲公司', '同一领域频繁违法', 'market']],
    expect: [{ reason: null, key: `信用办〔2024〕3号|${A}|market`, values: { report_date: '2024-12-05' } }],
  },
};

/** The extract of a case as its department would deliver it. */
export async function encode(c: Case): Promise<{ name: string; bytes: Buffer }> {
  switch (c.format) {
    case 'csv':
      return { name: 'extract.csv', bytes: csvUtf8(c.headers, c.rows) };
    case 'gb18030':
      return { name: 'extract.csv', bytes: csvGb18030(c.headers, c.rows) };
    case 'xlsx':
      return { name: 'extract.xlsx', bytes: await xlsx([{ name: 'Sheet1', headers: c.headers, rows: c.rows }]) };
    case 'json':
      return { name: 'extract.json', bytes: jsonArray(c.headers, c.rows) };
    case 'jsonl':
      return { name: 'extract.jsonl', bytes: jsonLines(c.headers, c.rows) };
  }
}
