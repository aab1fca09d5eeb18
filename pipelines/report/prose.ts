/** The body text of a screening report, shared by the DOCX and the HTML. */
import { counts } from './labels.js';
import { chineseDate, chinesePeriod } from './period.js';
import type { ScreeningReport } from './types.js';

export interface ProseBlock {
  kind: 'heading' | 'paragraph';
  text: string;
}

export function reportProse(report: ScreeningReport): ProseBlock[] {
  const c = counts(report);
  const k = report.criteria;
  const previous = report.previous
    ? `与上期通报（${report.previous.report_no}，${chineseDate(report.previous.report_date)}）相比，新增${c.fresh}户，继续列入${c.still}户，不再列入${c.resolved}户。`
    : `本期为首次通报，${c.total}户均为新增。`;
  return [
    {
      kind: 'paragraph',
      text: `按照社会信用体系建设工作安排，${report.issuing_office}依据信用风险监测预警平台截至${chineseDate(report.as_of)}的数据（数据版本${report.build_id}），对辖区经营主体${chinesePeriod(report.period)}前后违法失信情况开展了筛查。现将有关情况通报如下。`,
    },
    { kind: 'heading', text: '一、筛查标准' },
    {
      kind: 'paragraph',
      text: `（一）同一领域频繁违法：近${k.repeat_window_days}日内在同一领域有${k.repeat_min_events}起及以上计入的违法失信事件。（二）多领域多次违法：近${k.cross_domain_window_days}日内在${k.cross_domain_min_domains}个及以上领域有计入的违法失信事件。（三）屡禁不止：经通报后又发生计入事件，且仍属前两类情形。已撤销、已信用修复、异议处理中的记录不计入。`,
    },
    { kind: 'heading', text: '二、筛查结果' },
    {
      kind: 'paragraph',
      text: `本期列入通报的经营主体共${c.total}户，其中屡禁不止${c.persistent}户（名单中以“屡禁不止”标明，请重点督办）。${previous}`,
    },
    { kind: 'heading', text: '三、工作要求' },
    {
      kind: 'paragraph',
      text: `各责任部门请对本部门名单内的经营主体按建议措施（告知、约谈、培训）开展处置，并于${chineseDate(report.due_date)}前将处置情况（措施、日期、说明）在平台“跟踪督办”中反馈。多领域多次违法主体由各相关部门分别处置，${report.coordinator}牵头协调。逾期未反馈的，平台将生成预警。`,
    },
    { kind: 'heading', text: '四、行业分布' },
  ];
}
