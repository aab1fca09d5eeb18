import type { SourceContract } from './types.js';
import { usccElseName } from './shared.js';

/** serious_list and attention_list share their columns (sources.md); the folder decides which list. */
function listContract(source: string, title: string): SourceContract {
  return {
    source,
    title,
    fields: [
      { name: 'subject_name', header: '主体名称', type: 'text', required: 'blocking' },
      { name: 'uscc', header: '统一社会信用代码', type: 'uscc' },
      { name: 'list_type', header: '名单类型', type: 'text', required: 'blocking' },
      { name: 'listing_reason', header: '列入原因', type: 'text' },
      { name: 'listed_date', header: '列入日期', type: 'date', required: 'blocking' },
      { name: 'authority', header: '认定部门', type: 'text', required: 'blocking' },
      { name: 'decision_no', header: '认定文书号', type: 'docno' },
      { name: 'removed_date', header: '移出日期', type: 'date' },
      { name: 'removal_reason', header: '移出原因', type: 'text' },
    ],
    key: [
      'cs_norm(authority)',
      'cs_norm(list_type)',
      usccElseName('uscc', 'subject_name'),
      `strftime(listed_date, '%Y-%m-%d')`,
    ],
    snapshotAuthorityField: 'authority',
  };
}

export const seriousList = listContract('serious_list', '严重失信主体名单');
export const attentionList = listContract('attention_list', '重点关注名单 / 经营异常名录');
