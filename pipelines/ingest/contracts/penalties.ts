import type { SourceContract } from './types.js';
import { inferSubjectKind, identity, subjectFields } from './shared.js';

/** The 14 categories of the Administrative Penalty Law (2021), rules.md §3. */
export const PENALTY_CATEGORIES = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
] as const;

const known = PENALTY_CATEGORIES.map((c) => `'${c}'`).join(', ');

/**
 * One delivered category item → its canonical categories; '?' marks an unknown text (an invalid
 * enumeration that counts as 其他). Old numeric codes of the ≈2016 catalogue are mapped (sources.md).
 */
const categoryItem = `x -> case
      when x in (${known}) then [x]
      when starts_with(x, '其他-') or starts_with(x, '其他—') then ['其他']
      when x = '1' then ['警告']
      when x = '2' then ['罚款']
      when x = '3' then ['没收违法所得', '没收非法财物']
      when x = '4' then ['责令停产停业']
      when x = '5' then case when contains(coalesce(content, ''), '吊销') then ['吊销许可证件'] else ['暂扣许可证件'] end
      when x = '6' then ['行政拘留']
      when x in ('7', '9') then ['其他']
      else ['?']
    end`;

const has = (category: string) => `list_contains(categories, '${category}')`;

export const penalties: SourceContract = {
  source: 'penalties',
  title: '行政处罚',
  fields: [
    ...subjectFields('CF'),
    // 决定书文号, 作出行政处罚决定日期/机关名称 and 行政处罚内容 are the 国家企业信用信息公示系统's wording
    // of the same national fields: built in, like the national codes, not left to each office's mapping.
    {
      name: 'decision_no',
      header: '行政处罚决定书文号',
      aliases: ['CF_WSH', '决定书文号'],
      type: 'docno',
      required: 'blocking',
    },
    {
      name: 'violation_type',
      header: '违法行为类型',
      aliases: ['CF_WFXW', 'CF_CFMC'],
      type: 'text',
      required: 'recommended',
    },
    { name: 'violation_facts', header: '违法事实', aliases: ['CF_SY'], type: 'text', required: 'recommended' },
    { name: 'legal_basis', header: '处罚依据', aliases: ['CF_YJ'], type: 'text', required: 'recommended' },
    {
      name: 'categories_delivered',
      header: '处罚类别',
      aliases: ['CF_CFLB', 'CF_CFLB1', 'CF_CFLB2'],
      type: 'text',
      required: 'recommended',
      combine: true,
    },
    {
      name: 'content',
      header: '处罚内容',
      aliases: ['CF_NR', 'CF_JG', '行政处罚内容'],
      type: 'text',
      required: 'recommended',
    },
    {
      name: 'fine_yuan',
      header: '罚款金额',
      aliases: ['CF_NR_FK'],
      type: 'amount',
      unit: 'wan',
      unitErrorCheck: true,
      required: 'recommended',
      requiredWhen: has('罚款'),
    },
    {
      name: 'confiscation_yuan',
      header: '没收违法所得、没收非法财物的金额',
      aliases: ['CF_NR_WFFF'],
      type: 'amount',
      unit: 'wan',
      unitErrorCheck: true,
      required: 'recommended',
      requiredWhen: `(${has('没收违法所得')} or ${has('没收非法财物')})`,
    },
    {
      name: 'licence_suspended',
      header: '暂扣或吊销证照名称及编号',
      aliases: ['CF_NR_ZKDX'],
      type: 'text',
      required: 'recommended',
      requiredWhen: `(${has('暂扣许可证件')} or ${has('吊销许可证件')})`,
    },
    {
      name: 'decision_date',
      header: '处罚决定日期',
      aliases: ['CF_JDRQ', '作出行政处罚决定日期'],
      type: 'date',
      required: 'blocking',
    },
    { name: 'valid_until', header: '处罚有效期', aliases: ['CF_YXQ'], type: 'date', required: 'recommended' },
    { name: 'publication_end', header: '公示截止期', aliases: ['CF_GSJZQ'], type: 'date' },
    {
      name: 'authority',
      header: '处罚机关',
      aliases: ['CF_CFJG', 'CF_XZJG', '作出行政处罚决定机关名称'],
      type: 'text',
      required: 'blocking',
    },
    {
      name: 'authority_uscc',
      header: '处罚机关统一社会信用代码',
      aliases: ['CF_CFJGDM'],
      type: 'uscc',
      required: 'recommended',
    },
    { name: 'department', header: '数据来源单位', aliases: ['CF_SJLY'], type: 'text', required: 'recommended' },
    {
      name: 'department_uscc',
      header: '数据来源单位统一社会信用代码',
      aliases: ['CF_SJLYDM'],
      type: 'uscc',
      required: 'recommended',
    },
    { name: 'remark', header: '备注', aliases: ['BZ'], type: 'text' },
    { name: 'report_date', header: '上报日期', type: 'date' },
    { name: 'severity_delivered', header: '失信严重程度', type: 'enum', values: identity(['轻微', '一般', '严重']) },
    {
      name: 'status',
      header: '当前状态',
      aliases: ['CF_ZT'],
      type: 'enum',
      values: {
        正常: '正常',
        撤销: '撤销',
        异议: '异议',
        其他: '正常',
        '0': '正常',
        '1': '撤销',
        '2': '异议',
        '3': '正常',
      },
    },
    { name: 'region_code', header: '地方编码', aliases: ['DFBM'], type: 'text' },
    { name: 'updated_stamp', header: '数据更新时间戳', aliases: ['SJC'], type: 'text' },
  ],
  derived: [
    {
      name: 'subject_kind',
      type: 'VARCHAR',
      sql: inferSubjectKind('subject_kind_delivered', 'uscc', 'id_number__t'),
    },
    {
      name: 'categories_parsed',
      type: 'VARCHAR[]',
      sql: `flatten(list_transform(coalesce(cs_split_list(categories_delivered), []), ${categoryItem}))`,
    },
    {
      name: 'categories',
      type: 'VARCHAR[]',
      sql: `list_sort(list_distinct(list_transform(categories_parsed, x -> case when x = '?' then '其他' else x end)))`,
    },
  ],
  quarantine: [{ after: 'subject_kind_delivered', when: 'subject_kind is null', reason: 'unknown_subject_kind' }],
  findings: [
    { when: 'subject_kind_delivered is null', code: 'inferred_subject_kind' },
    { when: `list_contains(categories_parsed, '?')`, code: 'invalid_enum:处罚类别' },
  ],
  key: ['cs_norm(authority)', 'cs_norm_docno(decision_no)'],
};
