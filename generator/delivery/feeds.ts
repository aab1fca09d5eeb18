import type { Rng } from '../prng.js';
import type { DirtRates } from '../dirt.js';
import { breakUscc } from '../ids.js';
import { addDays } from '../../lib/dates.js';
import { messyUscc } from './formats.js';
import type { Feed, FileCtx } from './deliver.js';
import { monthMinus, utilityRouteDate } from '../world/utilities.js';
import type { Cell } from './writers.js';
import type { Entity, World, UtilityRecord, Project } from '../world/types.js';

const req = (...headers: string[]) => headers.map((h) => ({ header: h, date: false }));
const reqDate = (...headers: string[]) => headers.map((h) => ({ header: h, date: true }));

function simple<T extends object>(
  source: string,
  label: string,
  records: Iterable<T>,
  routeDate: (r: T) => string,
  headers: readonly string[],
  row: (r: T, f: FileCtx) => Record<string, Cell>,
  required: Feed<T>['required'],
  cadenceDays: number,
  trackFacts = true,
): Feed<T> {
  return {
    source,
    label,
    records,
    routeDate,
    headers: () => headers,
    render: (r, f) => ({ cells: row(r, f) }),
    required,
    cadenceDays,
    allowXlsx: true,
    redeliver: false,
    trackFacts,
  };
}

function withStart<T>(start: string, feed: Feed<T>): Feed<T> {
  return { ...feed, start };
}

/** Utility history may reach back before the world's start: its files begin with its first 账期. */
function utilityStart(world: World): string {
  const first = `${monthMinus(world.asOf.slice(0, 7), world.utilityMonths - 1)}-01`;
  return first < world.start ? first : world.start;
}

/** A register row as delivered: the entity under one of its names, with its USCC as written. */
export interface RegisterRow {
  entity: Entity;
  name: string;
  uscc: string;
  route: string;
}

export function registerRows(world: World, rng: Rng, dirt: DirtRates): RegisterRow[] {
  const out: RegisterRow[] = [];
  for (const e of world.entities) {
    if (!e.inRegister) continue;
    const bad = rng.chance(dirt.invalidUscc / 4);
    const route = e.founded > world.start ? e.founded : world.start;
    if (e.formerName) out.push({ entity: e, name: e.formerName, uscc: e.uscc, route: world.start });
    const later = e.formerName ? addDays(world.start, 60 + (e.idx % 700)) : route;
    out.push({
      entity: e,
      name: e.name,
      uscc: bad ? (rng.chance(0.5) ? breakUscc(e.uscc) : '') : e.uscc,
      route: later > world.asOf ? world.asOf : later,
    });
  }
  return out;
}

export function otherFeeds(
  world: World,
  register: readonly RegisterRow[],
  utilities: Iterable<UtilityRecord>,
  rng: Rng,
  dirt: DirtRates,
): Feed<object>[] {
  const P = world.persons;
  const E = world.entities;
  const u = (s: string) => (rng.chance(dirt.messyUscc) ? messyUscc(rng, s) : s);
  // Each feed is typed by its own record; the caller only drives them, hence the widening below.
  const feeds = [
    simple(
      'court_dishonest',
      '失信被执行人',
      world.courtCases,
      (c) => c.published,
      [
        '案号',
        '被执行人名称',
        '统一社会信用代码',
        '身份证号码/组织机构代码',
        '法定代表人或负责人',
        '执行法院',
        '省份',
        '执行依据文号',
        '立案时间',
        '做出执行依据单位',
        '生效法律文书确定的义务',
        '被执行人的履行情况',
        '失信被执行人行为具体情形',
        '发布时间',
        '移除日期',
      ],
      (c, f) => ({
        案号: c.caseNo,
        被执行人名称: c.subject.name,
        统一社会信用代码: u(c.subject.uscc),
        '身份证号码/组织机构代码': c.idNumber ?? (c.subject.uscc ? c.subject.uscc.slice(8, 17) : null),
        法定代表人或负责人:
          c.subject.entityIdx !== null ? (P[(E[c.subject.entityIdx] as Entity).repIdx]?.name ?? null) : null,
        执行法院: c.court,
        省份: '福建',
        执行依据文号: `（${c.published.slice(0, 4)}）闽0205民初${c.id}号`,
        立案时间: f.date_(addDays(c.published, -60)),
        做出执行依据单位: c.court,
        生效法律文书确定的义务: '支付货款及利息',
        被执行人的履行情况: '全部未履行',
        失信被执行人行为具体情形: '有履行能力而拒不履行生效法律文书确定义务',
        发布时间: f.date_(c.published),
        移除日期: f.date_(c.removed),
      }),
      [...req('案号', '被执行人名称', '执行法院'), ...reqDate('发布时间')],
      30,
    ),
    ...(['serious', 'attention'] as const).map((list) =>
      simple(
        list === 'serious' ? 'serious_list' : 'attention_list',
        list === 'serious' ? '严重失信主体名单' : '重点关注名单',
        world.lists.filter((l) => l.list === list),
        (l) => l.listed,
        [
          '主体名称',
          '统一社会信用代码',
          '名单类型',
          '列入原因',
          '列入日期',
          '认定部门',
          '认定文书号',
          '移出日期',
          '移出原因',
        ],
        (l, f) => ({
          主体名称: l.subject.name,
          统一社会信用代码: u(l.subject.uscc),
          名单类型: l.type,
          列入原因: l.reason,
          列入日期: f.date_(l.listed),
          认定部门: l.authority,
          认定文书号: l.docNo,
          移出日期: f.date_(l.removed),
          移出原因: l.removed ? '已整改' : null,
        }),
        [...req('主体名称', '名单类型', '认定部门'), ...reqDate('列入日期')],
        61,
      ),
    ),
    simple(
      'commitments',
      '信用承诺',
      world.commitments,
      (c) => c.determined ?? c.made,
      [
        '承诺人名称',
        '承诺人类别',
        '统一社会信用代码',
        '承诺类型',
        '承诺事由',
        '承诺作出日期',
        '承诺有效期',
        '承诺受理单位',
        '承诺履行状态',
        '承诺履行状态认定日期',
        '承诺编码',
      ],
      (c, f) => ({
        承诺人名称: c.subject.name,
        承诺人类别: c.subject.kind,
        统一社会信用代码: u(c.subject.uscc),
        承诺类型: c.type,
        承诺事由: '办理行政许可',
        承诺作出日期: f.date_(c.made),
        承诺有效期: '一年',
        承诺受理单位: c.unit,
        承诺履行状态: c.state,
        承诺履行状态认定日期: f.date_(c.determined),
        承诺编码: c.code,
      }),
      [...req('承诺人名称', '承诺类型', '承诺受理单位'), ...reqDate('承诺作出日期')],
      61,
    ),
    simple(
      'tax_credit',
      '纳税信用等级',
      world.taxGrades,
      (t) => t.evaluated ?? `${t.year + 1}-04-01`,
      ['纳税人名称', '统一社会信用代码', '评价年度', '信用等级', '评价日期'],
      (t, f) => ({
        纳税人名称: (E[t.entityIdx] as Entity).name,
        统一社会信用代码: u((E[t.entityIdx] as Entity).uscc),
        评价年度: rng.chance(0.5) ? `${t.year}年度` : String(t.year),
        信用等级: t.grade,
        评价日期: f.date_(t.evaluated),
      }),
      [],
      365,
    ),
    simple(
      'public_rating',
      '公共信用综合评价',
      world.ratings,
      (r) => r.date,
      ['主体名称', '统一社会信用代码', '评价等级', '评价日期'],
      (r, f) => ({
        主体名称: (E[r.entityIdx] as Entity).name,
        统一社会信用代码: u((E[r.entityIdx] as Entity).uscc),
        评价等级: r.grade,
        评价日期: f.date_(r.date),
      }),
      [],
      182,
    ),
    withStart(
      utilityStart(world),
      simple(
        'utilities',
        '水电气纳税',
        utilities,
        utilityRouteDate,
        [
          '主体名称',
          '统一社会信用代码',
          '类型',
          '账期',
          '应缴金额（元）',
          '实缴金额（元）',
          '欠费金额（元）',
          '连续欠费月数',
        ],
        (r) => ({
          主体名称: (E[r.entityIdx] as Entity).name,
          统一社会信用代码: (E[r.entityIdx] as Entity).uscc,
          类型: r.type,
          账期: rng.chance(0.5) ? r.period : r.period.replace('-', ''),
          '应缴金额（元）': r.dueYuan,
          '实缴金额（元）': r.paidYuan,
          '欠费金额（元）': r.dueYuan - r.paidYuan,
          连续欠费月数: r.arrearsMonths,
        }),
        [],
        30,
        false,
      ),
    ),
    simple(
      'enterprises',
      '法人库',
      register,
      (r) => r.route,
      [
        '统一社会信用代码',
        '企业名称',
        '市场主体类型',
        '法定代表人',
        '法定代表人证件号码',
        '成立日期',
        '注册资本（万元）',
        '行业代码',
        '所属区域代码',
        '登记状态',
        '登记机关',
      ],
      (r, f) => ({
        统一社会信用代码: u(r.uscc),
        企业名称: r.name,
        市场主体类型: r.entity.kind,
        法定代表人: P[r.entity.repIdx]?.name ?? null,
        法定代表人证件号码: P[r.entity.repIdx]?.idNumber ?? null,
        成立日期: f.date_(r.entity.founded),
        '注册资本（万元）': r.entity.capitalWan,
        行业代码: r.entity.industryCode,
        所属区域代码: r.entity.region,
        登记状态: r.entity.status,
        登记机关: '厦门市海沧区市场监督管理局',
      }),
      [],
      30,
    ),
    simple(
      'key_projects',
      '重点项目',
      world.projects,
      (p) => p.start,
      [
        '项目编号',
        '项目名称',
        '项目类型',
        '所属区域代码',
        '行业代码',
        '总投资（万元）',
        '开工日期',
        '计划竣工日期',
        '项目状态',
        '责任部门',
      ],
      (p: Project, f) => ({
        项目编号: p.id,
        项目名称: p.name,
        项目类型: p.type,
        所属区域代码: p.region,
        行业代码: p.industryCode,
        '总投资（万元）': p.investmentWan,
        开工日期: f.date_(p.start),
        计划竣工日期: f.date_(p.plannedEnd),
        项目状态: p.status,
        责任部门: p.department,
      }),
      [],
      365,
    ),
    simple(
      'project_parties',
      '项目参与单位',
      world.projects.flatMap((p) => p.parties.map((x) => ({ p, x }))),
      ({ p }) => p.start,
      ['项目编号', '单位名称', '统一社会信用代码', '参与角色'],
      ({ p, x }) => ({ 项目编号: p.id, 单位名称: x.name, 统一社会信用代码: x.uscc, 参与角色: x.role }),
      [],
      365,
    ),
    simple(
      'repairs',
      '信用修复',
      world.repairs,
      (r) => r.decision,
      ['主体名称', '统一社会信用代码', '修复类型', '关联文书号', '修复决定日期', '修复机关'],
      (r, f) => ({
        主体名称: r.subject.name,
        统一社会信用代码: u(r.subject.uscc),
        修复类型: r.type,
        关联文书号: r.docNo,
        修复决定日期: f.date_(r.decision),
        修复机关: r.authority,
      }),
      [],
      61,
    ),
    simple(
      'objections',
      '异议',
      world.objections,
      (o) => (o.completed !== null && o.completed <= world.asOf ? o.completed : o.raised),
      ['主体名称', '统一社会信用代码', '关联文书号', '异议提出日期', '处理状态', '处理完成日期'],
      (o, f) => ({
        主体名称: o.subject.name,
        统一社会信用代码: u(o.subject.uscc),
        关联文书号: o.docNo,
        异议提出日期: f.date_(o.raised),
        处理状态: o.completed !== null && o.completed > world.asOf ? '处理中' : o.state,
        处理完成日期: f.date_(o.completed !== null && o.completed <= world.asOf ? o.completed : null),
      }),
      [],
      61,
    ),
    simple(
      'screening_reports',
      '筛查通报',
      world.screening,
      (s) => s.date,
      ['通报文号', '通报日期', '统一社会信用代码', '主体名称', '通报类型', '领域'],
      (s, f) => ({
        通报文号: s.reportNo,
        通报日期: f.date_(s.date),
        统一社会信用代码: (E[s.entityIdx] as Entity).uscc,
        主体名称: (E[s.entityIdx] as Entity).name,
        通报类型: s.type,
        领域: s.domain,
      }),
      [],
      365,
    ),
  ];
  return feeds as unknown as Feed<object>[];
}
