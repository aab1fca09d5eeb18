/**
 * The leader brief as a 简报 (issue 18 item 5), before it becomes DOCX or HTML: masthead, 期号, 编印单位
 * and date over a red rule; 主要情况 (indicators with 环比 and, where the trend reaches back a year, 同比;
 * warnings; the month's circular against the last; follow-up completion by department in 编制序列),
 * 主要问题 (未达标 indicators, red key projects by name, the gravest entities, overdue departments) and
 * 下步建议 drawn from those problems; the 报送 line at the foot.
 */
import type { Completion } from '../../lib/followUp/store.js';
import { formatIndicator } from '../../lib/indicatorUnits.js';
import { formatChange, INDICATOR_LABELS, monthsBefore, type BriefData } from './briefData.js';
import { chineseDate, chinesePeriod } from './period.js';

export interface BriefTable {
  caption: string;
  columns: ReadonlyArray<{ title: string; mm: number }>;
  /** `flag`: the row is a problem (未达标, overdue) and is set in bold with its status in red. */
  rows: Array<{ cells: string[]; flag: boolean }>;
}

export interface BriefBlock {
  kind: 'heading' | 'paragraph' | 'table';
  text?: string;
  lead?: string;
  table?: BriefTable;
}

export interface Brief {
  masthead: string;
  issue: string;
  compiledBy: string;
  date: string;
  title: string;
  blocks: BriefBlock[];
  sendTo: string | null;
}

export interface BriefInput {
  period: string;
  asOf: string;
  /** The day the brief is printed (Asia/Shanghai). */
  today: string;
  data: BriefData;
  compiledBy: string;
  sendTo: string | null;
  /** The month's circular and the one before it, when issued. */
  screening: { report_no: string; entities: number } | null;
  previousScreening: { report_no: string; entities: number } | null;
  /** Completion by department in 编制序列, at each report's clock. */
  completion: Completion[];
}

/** A comparator as a reader writes it: ≥ and ≤ rather than the config's >= and <=. */
const sign = (comparator: string): string => ({ '>=': '≥', '<=': '≤' })[comparator] ?? comparator;

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '—');
const more = (n: number) => (n > 0 ? `增加${n}` : n < 0 ? `减少${-n}` : '持平');

function indicatorTable(d: BriefData, period: string): BriefTable {
  const last = monthsBefore(period, 1);
  const yearAgo = monthsBefore(period, 12);
  const hasYearAgo = d.indicators.some((i) => d.trend.get(i.indicator_id)?.has(yearAgo));
  return {
    caption: '表1 城市信用监测指标',
    columns: [
      // The longest name (综合评价为中及以下的主体占比, 14 characters at 五号) keeps one line without 同比.
      { title: '指标', mm: hasYearAgo ? 52 : 64 },
      { title: '本月', mm: 20 },
      { title: '目标', mm: 20 },
      { title: '环比', mm: hasYearAgo ? 24 : 30 },
      ...(hasYearAgo ? [{ title: '同比', mm: 24 }] : []),
      { title: '状态', mm: hasYearAgo ? 16 : 22 },
    ],
    rows: d.indicators.map((i) => {
      const t = d.trend.get(i.indicator_id);
      return {
        flag: !i.met,
        cells: [
          INDICATOR_LABELS[i.indicator_id] ?? i.indicator_id,
          formatIndicator(i.indicator_id, i.value),
          `${sign(i.comparator)} ${formatIndicator(i.indicator_id, i.target)}`,
          formatChange(i.indicator_id, i.value, t?.get(last)),
          ...(hasYearAgo ? [formatChange(i.indicator_id, i.value, t?.get(yearAgo))] : []),
          i.met ? '达标' : '未达标',
        ],
      };
    }),
  };
}

function completionTable(c: readonly Completion[]): BriefTable {
  return {
    caption: '表2 各部门跟踪督办办结情况（按编制序列）',
    columns: [
      { title: '部门', mm: 62 },
      { title: '交办', mm: 14 },
      { title: '已办结', mm: 16 },
      { title: '逾期办结', mm: 18 },
      { title: '待办理', mm: 16 },
      { title: '已逾期', mm: 16 },
      { title: '办结率', mm: 14 },
    ],
    rows: c.map((x) => ({
      flag: x.overdue > 0,
      cells: [
        x.department,
        String(x.assigned),
        String(x.done),
        String(x.done_late),
        String(x.pending),
        String(x.overdue),
        pct(x.done, x.assigned),
      ],
    })),
  };
}

/** What to do next, one line per kind of problem found (only those found). */
function suggestions(input: BriefInput, failing: string[], overdue: Completion[]): string[] {
  const out: string[] = [];
  const any = (p: (id: string) => boolean) => failing.some(p);
  if (any((id) => id.startsWith('publicity_')))
    out.push('督促各行政执法部门按时、规范报送“双公示”数据，对超期、不合规数据逐条整改。');
  if (any((id) => id === 'uscc_error_rate')) out.push('会同数据报送部门核查统一社会信用代码重错码，从源头校验。');
  if (any((id) => id.endsWith('_ratio')))
    out.push('协调水、电、燃气、纳税及信用承诺数据提供单位补报记录，提高信用信息覆盖面。');
  if (any((id) => id.endsWith('_share')))
    out.push('加强信用分级分类监管，引导经营主体开展信用修复，压降严重失信和中等以下主体占比。');
  if (input.data.redProjectList.length)
    out.push('对红色风险重点项目的参建单位开展信用核查，提醒项目主管部门关注并督促整改。');
  if (input.data.topRisks.length) out.push('对屡禁不止、多领域多次违法主体依法依规开展约谈、培训，纳入重点监管。');
  if (overdue.length) out.push(`对${overdue.map((c) => c.department).join('、')}等逾期未反馈事项进行督办提醒。`);
  return out.length ? out : ['保持现有监测频次，按月跟踪指标和督办事项。'];
}

const LEADS = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）', '（八）'];

export function briefModel(input: BriefInput): Brief {
  const d = input.data;
  const met = d.indicators.filter((i) => i.met).length;
  const failing = d.indicators.filter((i) => !i.met);
  const last = monthsBefore(input.period, 1);
  const metLast = d.indicators.filter((i) => {
    const v = d.trend.get(i.indicator_id)?.get(last);
    return v !== undefined && v !== null && compare(v, i.comparator, i.target);
  }).length;
  const hasLast = d.indicators.some((i) => d.trend.get(i.indicator_id)?.has(last));
  const yearAgo = monthsBefore(input.period, 12);
  const hasYearAgo = d.indicators.some((i) => d.trend.get(i.indicator_id)?.has(yearAgo));
  const level = (l: string) => d.warningsByLevel[l] ?? 0;
  const total = (k: 'assigned' | 'done' | 'done_late' | 'pending' | 'overdue') =>
    input.completion.reduce((s, c) => s + c[k], 0);
  const overdue = input.completion.filter((c) => c.overdue > 0).sort((a, b) => b.overdue - a.overdue);
  const s = input.screening;
  const p = input.previousScreening;
  const screening = s
    ? `本月筛查通报（${s.report_no}）列入经营主体${s.entities}户${p ? `，较上期（${p.report_no}，${p.entities}户）${more(s.entities - p.entities)}户` : ''}。`
    : '本月筛查通报尚未印发。';
  const problems: string[] = [
    failing.length
      ? `未达标指标${failing.length}项：${failing
          .map(
            (i) =>
              `${INDICATOR_LABELS[i.indicator_id] ?? i.indicator_id}${formatIndicator(i.indicator_id, i.value)}（目标${sign(i.comparator)}${formatIndicator(i.indicator_id, i.target)}）`,
          )
          .join('；')}。`
      : '监测指标全部达标。',
    d.redProjectList.length
      ? `红色风险重点项目${d.redProjectList.length}个：${d.redProjectList
          .map((r) => `${r.project_name ?? r.project_id}（${r.project_id}）`)
          .join('、')}。`
      : '无红色风险重点项目。',
    d.topRisks.length
      ? `重点风险主体：${d.topRisks.map((r) => `${r.name ?? r.uscc}（${r.kind}）`).join('；')}。`
      : '无重点风险主体。',
    ...(overdue.length ? [`督办逾期：${overdue.map((c) => `${c.department}${c.overdue}项`).join('、')}。`] : []),
  ];
  const blocks: BriefBlock[] = [
    { kind: 'heading', text: '一、主要情况' },
    {
      kind: 'paragraph',
      text:
        `截至${chineseDate(input.asOf)}，城市信用监测指标${d.indicators.length}项中达标${met}项、未达标${failing.length}项` +
        (hasLast ? `，达标项数较上月${more(met - metLast)}${met === metLast ? '' : '项'}` : '') +
        `；${hasYearAgo ? '同比见表1' : '监测序列仅含近12个月，暂不作同比'}。在办预警红色${level('red')}条、橙色${level('orange')}条、黄色${level('yellow')}条。${screening}`,
    },
    { kind: 'table', table: indicatorTable(d, input.period) },
    {
      kind: 'paragraph',
      text: total('assigned')
        ? `跟踪督办交办事项${total('assigned')}项，已办结${total('done')}项（其中逾期办结${total('done_late')}项），待办理${total('pending')}项，已逾期${total('overdue')}项，办结率${pct(total('done'), total('assigned'))}。`
        : '尚无跟踪督办交办事项。',
    },
    ...(input.completion.length ? [{ kind: 'table' as const, table: completionTable(input.completion) }] : []),
    { kind: 'heading', text: '二、主要问题' },
    ...problems.map((t, i) => ({ kind: 'paragraph' as const, lead: LEADS[i], text: t })),
    { kind: 'heading', text: '三、下步建议' },
    ...suggestions(
      input,
      failing.map((i) => i.indicator_id),
      overdue,
    ).map((t, i) => ({
      kind: 'paragraph' as const,
      lead: LEADS[i],
      text: t,
    })),
  ];
  return {
    masthead: '信用风险监测简报',
    issue: `${input.period.slice(0, 4)}年第${Number(input.period.slice(5, 7))}期`,
    compiledBy: input.compiledBy,
    date: chineseDate(input.today),
    title: `${chinesePeriod(input.period)}信用风险监测情况`,
    blocks,
    sendTo: input.sendTo,
  };
}

function compare(v: number, comparator: string, target: number): boolean {
  if (comparator === '>=') return v >= target;
  if (comparator === '>') return v > target;
  if (comparator === '<=') return v <= target;
  return v < target;
}
