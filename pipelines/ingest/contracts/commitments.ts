import type { SourceContract } from './types.js';
import { identity } from './shared.js';

export const commitments: SourceContract = {
  source: 'commitments',
  title: '信用承诺',
  fields: [
    { name: 'subject_name', header: '承诺人名称', type: 'text', required: 'blocking' },
    { name: 'subject_kind', header: '承诺人类别', type: 'text' },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc' },
    {
      name: 'commitment_type',
      header: '承诺类型',
      type: 'enum',
      values: identity(['审批替代型', '容缺受理型', '证明事项型', '信用修复型', '行业自律型', '主动型', '其他']),
      required: 'blocking',
    },
    { name: 'reason', header: '承诺事由', type: 'text' },
    { name: 'commitment_date', header: '承诺作出日期', type: 'date', required: 'blocking' },
    { name: 'valid_until', header: '承诺有效期', type: 'date' },
    { name: 'authority', header: '承诺受理单位', type: 'text', required: 'blocking' },
    {
      name: 'fulfilment_status',
      header: '承诺履行状态',
      type: 'enum',
      values: identity(['全部履行', '部分履行', '全部未履行', '未到期']),
    },
    { name: 'status_date', header: '承诺履行状态认定日期', type: 'date' },
    { name: 'commitment_code', header: '承诺编码', type: 'text' },
  ],
  derived: [
    { name: 'is_broken', type: 'BOOLEAN', sql: `coalesce(fulfilment_status in ('部分履行', '全部未履行'), false)` },
  ],
  // sources.md: 承诺编码, else 承诺受理单位 + 统一社会信用代码 + 承诺作出日期 + 承诺类型.
  key: [
    `coalesce(cs_norm(commitment_code), concat_ws('|', cs_norm(authority), coalesce(uscc, ''), ` +
      `strftime(commitment_date, '%Y-%m-%d'), cs_norm(commitment_type__t)))`,
  ],
};
