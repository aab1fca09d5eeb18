/**
 * Header shapes departments deliver besides sources.md's own names (issue 17): the 信用中国 双公示
 * templates, which name the identity fields 行政相对人代码_1(统一社会信用代码) … _6(社会组织登记证号), and a
 * provincial enforcement platform's code schema, which the product maps with its shipped
 * header-mappings.yaml. The cells are the same; only the headers differ.
 */

/** The six identity fields of the national template, in its order. */
const NATIONAL_IDENTITY = [
  '统一社会信用代码',
  '工商注册号',
  '组织机构代码',
  '税务登记号',
  '事业单位证书号',
  '社会组织登记证号',
];

/** How a department's export spells the template: `_` and half-width brackets, or `-` and full-width ones. */
export type Spelling = 'half' | 'full';

export const nationalHeader = (field: string, spelling: Spelling): string => {
  const n = NATIONAL_IDENTITY.indexOf(field) + 1;
  return spelling === 'half' ? `行政相对人代码_${n}(${field})` : `行政相对人代码-${n}（${field}）`;
};

/** Headers of sources.md with 统一社会信用代码 replaced by the template's six identity columns. */
export const nationalHeaders = (headers: readonly string[], spelling: Spelling): string[] =>
  headers.flatMap((h) => (h === '统一社会信用代码' ? NATIONAL_IDENTITY.map((f) => nationalHeader(f, spelling)) : [h]));

/** The provincial platform's codes for the penalty headers (header-mappings.yaml maps them back). */
export const PROVINCE_PENALTY: Readonly<Record<string, string>> = {
  行政相对人名称: 'BXZCF_NAME',
  行政相对人类别: 'BXZCF_TYPE',
  统一社会信用代码: 'BXZCF_CARDNUMBER',
  法定代表人: 'BXZCF_FDDBR',
  证件类型: 'BXZCF_ZJLX',
  证件号码: 'BXZCF_ZJHM',
  行政处罚决定书文号: 'XZCFWS_CODE',
  违法行为类型: 'WFXW_TYPE',
  违法事实: 'WFSS',
  处罚依据: 'XZCF_YJ',
  处罚类别: 'XZCF_TYPE',
  处罚内容: 'XZCF_CONTENT',
  '罚款金额（万元）': 'XZCF_FKJE',
  '没收违法所得、没收非法财物的金额（万元）': 'XZCF_MSJE',
  暂扣或吊销证照名称及编号: 'XZCF_ZKDX',
  处罚决定日期: 'XZCF_DATE',
  处罚有效期: 'XZCF_YXQ',
  公示截止期: 'XZCF_GSJZQ',
  处罚机关: 'XZCF_ORGNAME',
  处罚机关统一社会信用代码: 'XZCF_ORGCODE',
  数据来源单位: 'SJLY_ORGNAME',
  数据来源单位统一社会信用代码: 'SJLY_ORGCODE',
  备注: 'BZ',
  上报日期: 'SBRQ',
  失信严重程度: 'SXYZCD',
  当前状态: 'XZCF_ZT',
};
