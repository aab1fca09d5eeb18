import type { SourceContract } from './types.js';
import { identity } from './shared.js';

export const keyProjects: SourceContract = {
  source: 'key_projects',
  title: '重点项目',
  fields: [
    { name: 'project_id', header: '项目编号', type: 'text', required: 'blocking' },
    { name: 'project_name', header: '项目名称', type: 'text', required: 'blocking' },
    {
      name: 'project_type',
      header: '项目类型',
      type: 'enum',
      values: identity(['重点招商项目', '政府投资项目', '重点建设项目']),
      required: 'blocking',
    },
    { name: 'region_code', header: '所属区域代码', type: 'text' },
    { name: 'industry_code', header: '行业代码', type: 'text' },
    { name: 'total_investment_yuan', header: '总投资', type: 'amount', unit: 'wan' },
    { name: 'start_date', header: '开工日期', type: 'date' },
    { name: 'planned_completion_date', header: '计划竣工日期', type: 'date' },
    { name: 'project_status', header: '项目状态', type: 'enum', values: identity(['前期', '在建', '竣工', '停工']) },
    { name: 'responsible_department', header: '责任部门', type: 'text' },
  ],
  key: ['cs_norm(project_id)'],
};

export const projectParties: SourceContract = {
  source: 'project_parties',
  title: '项目参与单位',
  fields: [
    { name: 'project_id', header: '项目编号', type: 'text', required: 'blocking' },
    { name: 'party_name', header: '单位名称', type: 'text', required: 'blocking' },
    { name: 'uscc', header: '统一社会信用代码', type: 'uscc' },
    {
      name: 'role',
      header: '参与角色',
      type: 'enum',
      values: identity(['建设单位', '施工总承包', '专业分包', '劳务分包', '监理', '勘察设计', '投资方']),
      required: 'blocking',
    },
  ],
  // A party whose project is unknown gets its finding in the models, where every project delivery is known.
  key: ['cs_norm(project_id)', 'coalesce(uscc, cs_norm(party_name))', 'cs_norm(role__t)'],
};
