import type { SourceContract } from './types.js';

export const courtDishonest: SourceContract = {
  source: 'court_dishonest',
  title: '失信被执行人',
  fields: [
    { name: 'case_no', header: '案号', type: 'docno', required: 'blocking' },
    {
      name: 'subject_name',
      header: '被执行人名称',
      aliases: ['被执行人姓名/名称', '被执行人姓名'],
      type: 'text',
      required: 'blocking',
    },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc' },
    {
      name: 'id_or_org_code',
      header: '身份证号码/组织机构代码',
      aliases: ['身份证号码', '组织机构代码'],
      type: 'text',
    },
    {
      name: 'legal_rep',
      header: '法定代表人或负责人',
      aliases: ['法定代表人或者负责人姓名', '法定代表人'],
      type: 'text',
    },
    { name: 'court', header: '执行法院', type: 'text', required: 'blocking' },
    { name: 'province', header: '省份', type: 'text' },
    { name: 'basis_doc_no', header: '执行依据文号', type: 'docno' },
    { name: 'filed_date', header: '立案时间', type: 'date' },
    { name: 'basis_issuer', header: '做出执行依据单位', type: 'text' },
    { name: 'obligation', header: '生效法律文书确定的义务', type: 'text' },
    { name: 'performance', header: '被执行人的履行情况', type: 'text' },
    { name: 'dishonest_conduct', header: '失信被执行人行为具体情形', type: 'text' },
    { name: 'published_date', header: '发布时间', type: 'date', required: 'blocking' },
    { name: 'removed_date', header: '移除日期', type: 'date' },
  ],
  derived: [
    { name: 'id_number', type: 'VARCHAR', sql: 'cs_id_norm(id_or_org_code)' },
    { name: 'id_number_is_valid', type: 'BOOLEAN', sql: 'coalesce(cs_id_valid(cs_id_norm(id_or_org_code)), false)' },
    // sources.md: a valid identity number and no valid USCC is a natural person's row.
    {
      name: 'is_natural_person',
      type: 'BOOLEAN',
      sql: 'coalesce(cs_id_valid(cs_id_norm(id_or_org_code)), false) and not uscc__valid',
    },
  ],
  key: ['cs_norm_docno(case_no)', `coalesce(uscc, cs_norm_code(id_or_org_code), cs_norm(subject_name))`],
  snapshotAuthorityField: 'court',
};
