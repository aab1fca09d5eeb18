import type { SourceContract } from './types.js';
import { inferSubjectKind, subjectFields } from './shared.js';

const LICENCE_CATEGORIES = { 普通: '普通', 特许: '特许', 认可: '认可', 核准: '核准', 登记: '登记', 其他: '其他' };
// Older-generation codes of XK_SPLB (sources.md).
const OLD_CODES = { '1': '普通', '2': '特许', '3': '认可', '4': '核准', '5': '登记', '9': '其他' };

export const licenses: SourceContract = {
  source: 'licenses',
  title: '行政许可',
  fields: [
    ...subjectFields('XK'),
    {
      name: 'decision_doc_name',
      header: '行政许可决定文书名称',
      aliases: ['XK_XKWS'],
      type: 'text',
      required: 'recommended',
    },
    { name: 'decision_no', header: '行政许可决定文书号', aliases: ['XK_WSH'], type: 'docno', required: 'blocking' },
    {
      name: 'category',
      header: '许可类别',
      aliases: ['XK_XKLB', 'XK_SPLB'],
      type: 'enum',
      values: { ...LICENCE_CATEGORIES, ...OLD_CODES },
      otherPrefix: true,
      required: 'recommended',
    },
    { name: 'certificate_name', header: '许可证书名称', aliases: ['XK_XKZS'], type: 'text' },
    { name: 'licence_no', header: '许可编号', aliases: ['XK_XKBH'], type: 'text' },
    // The older generation's XK_XMMC (项目名称) carries what the current one calls 许可内容.
    { name: 'content', header: '许可内容', aliases: ['XK_NR', 'XK_XMMC'], type: 'text', required: 'recommended' },
    { name: 'decision_date', header: '许可决定日期', aliases: ['XK_JDRQ'], type: 'date', required: 'blocking' },
    { name: 'valid_from', header: '有效期自', aliases: ['XK_YXQZ'], type: 'date', required: 'recommended' },
    { name: 'valid_to', header: '有效期至', aliases: ['XK_YXQZI', 'XK_JZQ'], type: 'date', required: 'recommended' },
    { name: 'authority', header: '许可机关', aliases: ['XK_XKJG', 'XK_XZJG'], type: 'text', required: 'blocking' },
    {
      name: 'authority_uscc',
      header: '许可机关统一社会信用代码',
      aliases: ['XK_XKJGDM'],
      type: 'uscc',
      required: 'recommended',
    },
    // Not checked (sources.md): any of 有效, 无效, 正常, 撤销, 异议 or 0–3.
    { name: 'status', header: '当前状态', aliases: ['XK_ZT'], type: 'text' },
    { name: 'department', header: '数据来源单位', aliases: ['XK_LYDW'], type: 'text', required: 'recommended' },
    {
      name: 'department_uscc',
      header: '数据来源单位统一社会信用代码',
      aliases: ['XK_LYDWDM'],
      type: 'uscc',
      required: 'recommended',
    },
    { name: 'remark', header: '备注', aliases: ['BZ'], type: 'text' },
    { name: 'report_date', header: '上报日期', type: 'date' },
    { name: 'region_code', header: '地方编码', aliases: ['DFBM'], type: 'text' },
    { name: 'updated_stamp', header: '数据更新时间戳', aliases: ['SJC'], type: 'text' },
  ],
  derived: [
    { name: 'subject_kind', type: 'VARCHAR', sql: inferSubjectKind('subject_kind_delivered', 'uscc', 'id_number__t') },
  ],
  quarantine: [{ after: 'subject_kind_delivered', when: 'subject_kind is null', reason: 'unknown_subject_kind' }],
  findings: [{ when: 'subject_kind_delivered is null', code: 'inferred_subject_kind' }],
  key: ['cs_norm(authority)', 'cs_norm_docno(decision_no)'],
};
