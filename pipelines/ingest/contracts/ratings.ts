import type { SourceContract } from './types.js';
import { identity } from './shared.js';

export const taxCredit: SourceContract = {
  source: 'tax_credit',
  title: '纳税信用等级',
  fields: [
    { name: 'subject_name', header: '纳税人名称', type: 'text', required: 'blocking' },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc', required: 'blocking' },
    { name: 'evaluation_year', header: '评价年度', type: 'year', required: 'blocking' },
    {
      name: 'grade',
      header: '信用等级',
      aliases: ['纳税信用等级'],
      type: 'enum',
      values: identity(['A', 'B', 'M', 'C', 'D']),
      required: 'blocking',
    },
    { name: 'evaluation_date', header: '评价日期', type: 'date' },
  ],
  key: ['uscc', 'cast(evaluation_year as varchar)'],
};

export const publicRating: SourceContract = {
  source: 'public_rating',
  title: '公共信用综合评价',
  fields: [
    { name: 'subject_name', header: '主体名称', type: 'text', required: 'blocking' },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc', required: 'blocking' },
    {
      name: 'rating',
      header: '评价等级',
      type: 'enum',
      values: identity(['优', '良', '中', '差']),
      required: 'blocking',
    },
    { name: 'rating_date', header: '评价日期', type: 'date', required: 'blocking' },
  ],
  key: ['uscc', `strftime(rating_date, '%Y-%m-%d')`],
};
