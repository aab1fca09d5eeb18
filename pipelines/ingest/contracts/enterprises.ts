import type { SourceContract } from './types.js';
import { identity } from './shared.js';

// sources.md: aliases of 登记状态; 撤销 and 停业 are valid but not active.
const REGISTRATION_STATUS = {
  存续: '存续',
  在业: '在业',
  在营: '存续',
  开业: '存续',
  在册: '存续',
  吊销: '吊销',
  '吊销,未注销': '吊销',
  吊销未注销: '吊销',
  注销: '注销',
  迁出: '迁出',
  撤销: '撤销',
  停业: '停业',
};

export const enterprises: SourceContract = {
  source: 'enterprises',
  title: '法人库',
  fields: [
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc', required: 'recommended' },
    { name: 'name', header: '企业名称', aliases: ['主体名称', '市场主体名称'], type: 'text', required: 'blocking' },
    {
      name: 'entity_type',
      header: '市场主体类型',
      type: 'enum',
      values: identity(['企业', '个体工商户', '农民专业合作社', '社会组织', '事业单位', '机关']),
      required: 'blocking',
    },
    { name: 'legal_rep', header: '法定代表人', type: 'text' },
    { name: 'legal_rep_id_number', header: '法定代表人证件号码', type: 'id_number' },
    { name: 'established_date', header: '成立日期', type: 'date' },
    { name: 'registered_capital_yuan', header: '注册资本', type: 'amount', unit: 'wan' },
    { name: 'industry_code', header: '行业代码', type: 'text', required: 'blocking' },
    { name: 'region_code', header: '所属区域代码', type: 'text', required: 'blocking' },
    {
      name: 'registration_status',
      header: '登记状态',
      type: 'enum',
      values: REGISTRATION_STATUS,
      required: 'blocking',
    },
    { name: 'registration_authority', header: '登记机关', type: 'text' },
  ],
  derived: [
    // GB/T 4754: a letter, or letter + 2–4 digits; a code without its letter is resolved by its division later.
    { name: 'industry_code_norm', type: 'VARCHAR', sql: 'cs_norm_code(industry_code)' },
  ],
  findings: [
    {
      when: `not regexp_full_match(cs_norm_code(industry_code), '[A-T]([0-9]{2,4})?|[0-9]{2,4}')`,
      code: 'invalid_enum:行业代码',
    },
  ],
  key: ["coalesce(uscc, '')", 'cs_norm(name)'],
};
