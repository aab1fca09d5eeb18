import type { SourceContract } from './types.js';
import { identity } from './shared.js';

export const repairs: SourceContract = {
  source: 'repairs',
  title: '信用修复',
  fields: [
    { name: 'subject_name', header: '主体名称', type: 'text', required: 'blocking' },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc' },
    {
      name: 'repair_type',
      header: '修复类型',
      type: 'enum',
      values: identity(['行政处罚', '严重失信主体名单', '其他']),
      required: 'blocking',
    },
    { name: 'related_doc_no', header: '关联文书号', type: 'docno', required: 'blocking' },
    { name: 'repair_date', header: '修复决定日期', type: 'date', required: 'blocking' },
    { name: 'repair_authority', header: '修复机关', type: 'text', required: 'blocking' },
  ],
  key: ['cs_norm(repair_type__t)', 'cs_norm_docno(related_doc_no)', `strftime(repair_date, '%Y-%m-%d')`],
};

export const objections: SourceContract = {
  source: 'objections',
  title: '异议',
  fields: [
    { name: 'subject_name', header: '主体名称', type: 'text', required: 'blocking' },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc' },
    { name: 'related_doc_no', header: '关联文书号', type: 'docno', required: 'blocking' },
    { name: 'filed_date', header: '异议提出日期', type: 'date', required: 'blocking' },
    {
      name: 'handling_status',
      header: '处理状态',
      type: 'enum',
      values: identity(['处理中', '已更正', '维持', '已撤销记录']),
      required: 'blocking',
    },
    { name: 'completed_date', header: '处理完成日期', type: 'date' },
  ],
  key: ['cs_norm_docno(related_doc_no)', `strftime(filed_date, '%Y-%m-%d')`],
};
