/** The body text of a screening report, shared by the DOCX and the HTML. */
import { departmentRows } from './compose.js';
import { counts } from './labels.js';
import { chineseDate, chinesePeriod } from './period.js';
import type { ScreeningReport } from './types.js';

export interface ProseBlock {
  /** heading: a level-1 heading (黑体); paragraph: body text, optionally run in by a level-2 heading (楷体). */
  kind: 'heading' | 'paragraph' | 'figure';
  text: string;
  /** A level-2 heading run in at the paragraph's start, e.g. （一）同一领域频繁违法。 */
  lead?: string;
}

/** The departments with most entities, for the results paragraph (the annex has them all). */
function busiest(report: ScreeningReport, n = 3): string {
  return report.departments
    .filter((d) => d !== report.coordinator)
    .map((d) => ({ d, rows: departmentRows(report, d).length }))
    .sort((a, b) => b.rows - a.rows)
    .slice(0, n)
    .map((x) => `${x.d}${x.rows}户`)
    .join('、');
}

/**
 * The body in the order of a 通报: purpose, criteria, results (with the sector figure), requirements.
 * It ends with text, not the figure, so the last paragraph can be kept on the page of the signature.
 * No build id: the XLSX carries it (数据版本), a department reads a date.
 */
export function reportProse(report: ScreeningReport): ProseBlock[] {
  const c = counts(report);
  const k = report.criteria;
  const byLevel = (l: string) => report.entities.filter((e) => e.level === l).length;
  const previous = report.previous
    ? `与上期通报（${report.previous.report_no}，${chineseDate(report.previous.report_date)}）相比，新增${c.fresh}户，继续列入${c.still}户，${c.resolved ? `不再列入${c.resolved}户（见附件2）` : '上期所列主体均继续列入'}。`
    : `本期为首次通报，${c.total}户均为新增。`;
  const tasked = report.departments.filter((d) => d !== report.coordinator).length;
  const copied = report.entities.some((e) => e.copies.length > 0)
    ? '对省级机关、人民法院及其他辖区机关作出的处罚、认定所涉主体，由本区对口部门处置，相关机关抄送知悉。'
    : '';
  return [
    {
      kind: 'paragraph',
      text: `按照社会信用体系建设工作安排，${report.issuing_office}依据信用风险监测预警平台截至${chineseDate(report.as_of)}的数据，对辖区经营主体${chinesePeriod(report.period)}前后违法失信情况开展了筛查。现将有关情况通报如下。`,
    },
    { kind: 'heading', text: '一、筛查标准' },
    {
      kind: 'paragraph',
      lead: '（一）同一领域频繁违法。',
      text: `近${k.repeat_window_days}日内在同一领域有${k.repeat_min_events}起及以上计入的违法失信事件。`,
    },
    {
      kind: 'paragraph',
      lead: '（二）多领域多次违法。',
      text: `近${k.cross_domain_window_days}日内在${k.cross_domain_min_domains}个及以上领域有计入的违法失信事件。`,
    },
    {
      kind: 'paragraph',
      lead: '（三）屡禁不止。',
      text: '经通报后又发生计入事件，且仍属前两类情形。已撤销、已信用修复、异议处理中的记录不计入。',
    },
    { kind: 'heading', text: '二、筛查结果' },
    {
      kind: 'paragraph',
      text: `本期列入通报的经营主体共${c.total}户，其中屡禁不止${c.persistent}户（名单中加粗标明，请重点督办），多领域多次违法${byLevel('多领域多次违法')}户，同一领域频繁违法${byLevel('同一领域频繁违法')}户（按最重情形计）。${previous}`,
    },
    {
      kind: 'paragraph',
      text:
        tasked > 0
          ? `名单涉及${tasked}个责任部门，主体较多的是${busiest(report)}；各部门名单见附件1。`
          : '本期无交办部门。',
    },
    {
      kind: 'paragraph',
      text: '各行业门类近12个月的计入事件见图1，格中数字为事件数，颜色深浅为每百户经营主体事件数。',
    },
    { kind: 'figure', text: `图1 各行业门类计入事件（截至${chineseDate(report.as_of)}）` },
    { kind: 'heading', text: '三、工作要求' },
    {
      kind: 'paragraph',
      lead: '（一）及时处置。',
      text: `各责任部门请对本部门名单内的经营主体按建议措施（告知、约谈、培训）开展处置，并于${chineseDate(report.due_date)}前在平台“跟踪督办”中反馈处置情况（措施、日期、说明，可附佐证材料）。`,
    },
    {
      kind: 'paragraph',
      lead: '（二）加强协同。',
      text: `多领域多次违法主体由各相关部门分别处置，${report.coordinator}牵头协调。${copied}`,
    },
    {
      kind: 'paragraph',
      lead: '（三）跟踪督办。',
      text: '逾期未反馈的，平台将生成督办预警；逾期后反馈的，按逾期办结统计。',
    },
  ];
}
