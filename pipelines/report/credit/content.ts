/**
 * The credit report's text, once, as blocks both documents render (docx.ts, html.ts): so the PDF and the
 * DOCX cannot say different things. Chinese throughout: the reports stay Chinese (dashboards/ui/i18n.ts).
 */
import { chineseDate } from '../period.js';
import type { CreditReport } from './types.js';

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][]; widths: number[] }
  | { kind: 'pairs'; rows: Array<[string, string]> };

const LIST_LABELS: Record<string, string> = {
  serious_list: '严重失信主体名单',
  court_dishonest: '失信被执行人名单',
  attention_list: '重点关注名单',
};
const FLAG_LABELS: Record<string, string> = {
  repeat_violator: '同一领域频繁违法',
  cross_domain_violator: '多个领域多次违法',
  persistent_violator: '屡禁不止',
};
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

const dash = (s: string | null | undefined): string => (s === null || s === undefined || s === '' ? '—' : s);
const yuan = (n: number | null): string => (n === null ? '' : `罚款${n.toLocaleString('zh-CN')}元`);

export function reportTitle(r: CreditReport): string {
  return r.variant === 'special' ? '专项信用报告' : '信用报告';
}

/** The report's identification, printed under its title. */
export function metaPairs(r: CreditReport, digest: string): Array<[string, string]> {
  return [
    ['报告编号', r.report_no],
    ['主体名称', r.name],
    ['统一社会信用代码', r.uscc],
    ['数据截至', chineseDate(r.as_of)],
    ['出具日期', chineseDate(r.issued_date)],
    ['出具机构', r.issuing_office],
    ['验证码', r.verification_code],
    ['核验地址', r.verify_url],
    ['报告摘要（SHA-256）', digest],
  ];
}

function registerBlocks(r: CreditReport): Block[] {
  const g = r.register;
  if (!g) return [{ kind: 'para', text: '本地法人库中没有该主体的登记信息（可能登记在外地或已迁出）。' }];
  return [
    {
      kind: 'pairs',
      rows: [
        ['主体名称', g.name],
        ['主体类型', dash(g.entity_type)],
        ['登记状态', dash(g.registration_status)],
        ['法定代表人', dash(g.legal_rep)],
        ['行业代码', dash(g.industry_code)],
        ['所属区域代码', dash(g.region_code)],
        ['曾用名', g.former_names.length ? g.former_names.join('；') : '无'],
      ],
    },
  ];
}

function listBlocks(r: CreditReport): Block[] {
  if (!r.lists.length)
    return [{ kind: 'para', text: '未发现该主体列入严重失信主体名单、失信被执行人名单或重点关注名单。' }];
  return [
    {
      kind: 'table',
      head: ['序号', '名单', '类型', '认定机关', '列入日期', '列入原因', '文书号'],
      widths: [6, 14, 14, 20, 12, 22, 12],
      rows: r.lists.map((l, i) => [
        String(i + 1),
        LIST_LABELS[l.list] ?? l.list,
        l.list_type,
        dash(l.authority),
        l.since,
        dash(l.reason),
        dash(l.reference),
      ]),
    },
  ];
}

function penaltyBlocks(r: CreditReport): Block[] {
  if (!r.public_penalties.length) return [{ kind: 'para', text: '没有处于公示期内的行政处罚信息。' }];
  return [
    {
      kind: 'table',
      head: ['序号', '决定书文号', '决定日期', '处罚机关', '处罚类别', '严重程度', '公示截止'],
      widths: [8, 19, 13, 22, 16, 9, 13],
      rows: r.public_penalties.map((p, i) => [
        String(i + 1),
        p.decision_no,
        p.decision_date,
        p.authority,
        [p.categories.join('、'), yuan(p.fine_yuan)].filter(Boolean).join('，'),
        p.severity,
        dash(p.publication_end_date),
      ]),
    },
  ];
}

function commitmentBlocks(r: CreditReport): Block[] {
  if (!r.commitments.length) return [{ kind: 'para', text: '没有信用承诺记录。' }];
  const broken = r.commitments.filter((c) => c.is_broken).length;
  return [
    {
      kind: 'para',
      text: `共作出信用承诺${r.commitments.length}项，其中违背承诺${broken}项。`,
    },
    {
      kind: 'table',
      head: ['序号', '承诺类型', '承诺日期', '受理单位', '履约情况', '认定日期'],
      widths: [8, 16, 14, 30, 18, 14],
      rows: r.commitments.map((c, i) => [
        String(i + 1),
        c.commitment_type,
        c.commitment_date,
        c.authority,
        `${dash(c.fulfilment_status)}${c.is_broken ? '（违诺）' : ''}`,
        dash(c.status_date),
      ]),
    },
  ];
}

function flagBlocks(r: CreditReport): Block[] {
  if (!r.flags.length) return [{ kind: 'para', text: '该主体没有同一领域频繁违法、多个领域多次违法或屡禁不止标记。' }];
  return r.flags.map((f) => ({ kind: 'para', text: `${FLAG_LABELS[f.flag] ?? f.flag}：${f.explanation}` }));
}

function specialBlocks(r: CreditReport): Block[] {
  const s = r.special!;
  const with_ = s.domains.filter((d) => d.counted_events > 0);
  const span = `${chineseDate(s.from)}（不含）至${chineseDate(r.as_of)}`;
  return [
    {
      kind: 'para',
      text: with_.length
        ? `${span}，该主体在${with_.map((d) => d.label).join('、')}领域有计入的违法违规记录，其余领域无计入的违法违规记录。`
        : `${span}，该主体在以下各领域均无计入的违法违规记录。`,
    },
    {
      kind: 'table',
      head: ['序号', '领域', `近${s.years}年违法违规情况`],
      widths: [8, 30, 62],
      rows: s.domains.map((d, i) => [
        String(i + 1),
        d.label,
        d.counted_events > 0 ? `有计入的违法违规记录${d.counted_events}条` : '无计入的违法违规记录',
      ]),
    },
  ];
}

export function reportBlocks(r: CreditReport): Block[] {
  const sections: Array<[string, Block[]]> = [
    ['登记信息', registerBlocks(r)],
    ['在列名单', listBlocks(r)],
    ['公示期内的行政处罚', penaltyBlocks(r)],
    ['信用承诺及履约情况', commitmentBlocks(r)],
    ['失信标记', flagBlocks(r)],
  ];
  if (r.special) sections.push([`各领域违法违规情况（近${r.special.years}年）`, specialBlocks(r)]);
  sections.push([
    '说明',
    [
      {
        kind: 'para',
        text:
          `本报告依据本平台截至${chineseDate(r.as_of)}归集的信用信息生成（构建 ${r.build_id}）。` +
          '行政处罚仅列处于公示期内的记录，已信用修复、已撤销及轻微（不予公示）的记录不列入；' +
          '名单仅列截至数据日期仍在列的记录；“计入的违法违规记录”指行政处罚、失信被执行人案件和违背信用承诺中' +
          '未被撤销、未经信用修复且不在异议处理中的记录。',
      },
      {
        kind: 'para',
        text: `本报告可凭验证码 ${r.verification_code} 在 ${r.verify_url} 核验是否由本机构出具及其摘要。`,
      },
    ],
  ]);
  return sections.flatMap(([title, blocks], i) => [
    { kind: 'heading' as const, text: `${NUMERALS[i]}、${title}` },
    ...blocks,
  ]);
}
