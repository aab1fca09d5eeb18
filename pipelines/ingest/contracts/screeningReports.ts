import type { SourceContract } from './types.js';
import { identity } from './shared.js';

export const screeningReports: SourceContract = {
  source: 'screening_reports',
  title: '筛查通报',
  fields: [
    { name: 'report_no', header: '通报文号', type: 'docno', required: 'blocking' },
    { name: 'report_date', header: '通报日期', type: 'date', required: 'blocking' },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc', required: 'blocking' },
    { name: 'subject_name', header: '主体名称', type: 'text' },
    {
      name: 'report_type',
      header: '通报类型',
      type: 'enum',
      values: identity(['同一领域频繁违法', '多领域多次违法', '屡禁不止']),
    },
    { name: 'domain', header: '领域', type: 'text' },
  ],
  key: ['cs_norm_docno(report_no)', 'uscc', `coalesce(cs_norm(domain), '')`],
};
