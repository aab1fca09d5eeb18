import type { SourceContract } from './types.js';
import { identity } from './shared.js';

export const utilities: SourceContract = {
  source: 'utilities',
  title: '水电气及纳税记录',
  fields: [
    { name: 'subject_name', header: '主体名称', type: 'text', required: 'blocking' },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc', required: 'blocking' },
    {
      name: 'record_type',
      header: '类型',
      type: 'enum',
      values: identity(['水费', '电费', '燃气费', '纳税']),
      required: 'blocking',
    },
    { name: 'period', header: '账期', type: 'period', required: 'blocking' },
    { name: 'amount_due_yuan', header: '应缴金额', type: 'amount', unit: 'yuan' },
    { name: 'amount_paid_yuan', header: '实缴金额', type: 'amount', unit: 'yuan' },
    { name: 'arrears_yuan', header: '欠费金额', type: 'amount', unit: 'yuan' },
    { name: 'arrears_months', header: '连续欠费月数', type: 'int' },
  ],
  key: ['uscc', 'cs_norm(record_type__t)', `strftime(period, '%Y-%m')`],
};
