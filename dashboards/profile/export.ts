/**
 * 企业信用画像 as a workbook for people: one sheet per table of the page (register, flags, warnings,
 * penalties, other events, lists, commitments, projects, legal-representative links), as the caller sees
 * them on the page (warnings scoped, identity numbers masked: visibleProfile).
 */
import type { Db } from '../../lib/db.js';
import type { PeopleColumn, PeopleSheet, PeopleValue } from '../../pipelines/export/peopleTable.js';
import { sourceTitle } from '../../pipelines/export/sourceTitles.js';
import { domainLabels } from '../violators/query.js';
import {
  levelLabel,
  LIST_NAMES,
  NOT_COUNTED,
  PUBLICATION_STATUS,
  regionName,
  sectorName,
  WARNING_KINDS,
  WARNING_STATUS,
} from '../ui/labels.js';
import { visibleProfile, type ProfileParams } from './index.js';

type Row = Record<string, unknown>;
type Cell = [PeopleColumn, (r: Row) => PeopleValue];

const text = (x: unknown): PeopleValue =>
  x === null || x === undefined ? null : Array.isArray(x) ? x.join('、') : typeof x === 'number' ? x : String(x);
const col = (title: string, get: (r: Row) => PeopleValue, kind?: PeopleColumn['kind']): Cell => [{ title, kind }, get];
const sheet = (name: string, rows: Row[], cells: Cell[]): PeopleSheet => ({
  name,
  columns: cells.map((c) => c[0]),
  rows: rows.map((r) => cells.map((c) => c[1](r))),
});
const counted = (r: Row) =>
  r.is_counted ? '计入' : `不计入（${NOT_COUNTED[String(r.not_counted_reason)] ?? text(r.not_counted_reason) ?? ''}）`;
const fileRow = [col('来源文件', (r) => text(r.file)), col('行号', (r) => text(r.row_number), 'integer')];

export async function profileSheets(db: Db, params: ProfileParams): Promise<PeopleSheet[] | null> {
  const d = await visibleProfile(db, params);
  if (!d) return null;
  const labels = await domainLabels(db);
  const domain = (x: unknown) => (x === null || x === undefined ? null : (labels.get(String(x)) ?? String(x)));
  const list = (k: string) => (d.sections[k] ?? []) as Row[];
  const reg = (d.sections.register ?? null) as Row | null;
  return [
    sheet('登记信息', reg ? [reg] : [], [
      col('名称', (r) => text(r.name)),
      col('统一社会信用代码', () => params.uscc),
      col('主体类型', (r) => text(r.entity_type)),
      col('登记状态', (r) => text(r.registration_status)),
      col('法定代表人', (r) => text(r.legal_rep)),
      col('法定代表人证件号', (r) => text(r.legal_rep_id_number)),
      col('行业代码', (r) => text(r.industry_code)),
      col('行业门类', (r) => sectorName((r.sector as string | null) ?? null)),
      col('乡镇（街道）', (r) => regionName((r.region_code as string | null) ?? null)),
      ...fileRow,
    ]),
    sheet('失信标记', d.flags as unknown as Row[], [
      col('标记', (r) => WARNING_KINDS[String(r.flag)] ?? text(r.flag)),
      col('领域', (r) => domain(r.domain)),
      col('说明', (r) => text(r.explanation)),
      col('依据事件数', (r) => (r.event_ids as string[]).length, 'integer'),
    ]),
    sheet('预警', list('warnings'), [
      col('级别', (r) => levelLabel(String(r.level))),
      col('类型', (r) => WARNING_KINDS[String(r.kind)] ?? text(r.kind)),
      col('状态', (r) => WARNING_STATUS[String(r.status)] ?? text(r.status)),
      col('首次发现', (r) => text(r.first_seen), 'date'),
    ]),
    sheet('行政处罚', list('penalties'), [
      col('决定书文号', (r) => text(r.decision_no)),
      col('决定日期', (r) => text(r.decision_date), 'date'),
      col('领域', (r) => domain(r.domain)),
      col('部门', (r) => text(r.department)),
      col('处罚类别', (r) => text(r.categories)),
      col(
        '罚款（元）',
        (r) => (r.fine_yuan === null || r.fine_yuan === undefined ? null : Number(r.fine_yuan)),
        'decimal',
      ),
      col('严重程度', (r) => text(r.severity)),
      col('公示状态', (r) => PUBLICATION_STATUS[String(r.publication_status)] ?? text(r.publication_status)),
      col('是否计入', counted),
      ...fileRow,
    ]),
    sheet('其他违法事件', d.events.filter((e) => e.source !== 'penalties') as unknown as Row[], [
      col('来源', (r) => sourceTitle(String(r.source))),
      col('日期', (r) => text(r.event_date), 'date'),
      col('领域', (r) => domain(r.domain)),
      col('是否计入', counted),
      col('事件编号', (r) => text(r.event_id)),
      ...fileRow,
    ]),
    sheet('名单', list('list_entries'), [
      col('名单', (r) => LIST_NAMES[String(r.list)] ?? text(r.list)),
      col('类别', (r) => text(r.list_type)),
      col('认定部门', (r) => text(r.authority)),
      col('列入日期', (r) => text(r.listed_date), 'date'),
      col('移出日期', (r) => text(r.removed_date), 'date'),
      col('修复日期', (r) => text(r.repair_date), 'date'),
      col('状态', (r) => (r.is_active ? '在列' : '已移出')),
      ...fileRow,
    ]),
    sheet('信用承诺', list('commitments'), [
      col('承诺类型', (r) => text(r.commitment_type)),
      col('承诺日期', (r) => text(r.commitment_date), 'date'),
      col('受理部门', (r) => text(r.authority)),
      col('履约情况', (r) => text(r.fulfilment_status)),
      col('是否违诺', (r) => (r.is_broken ? '违诺' : '')),
      col('状态日期', (r) => text(r.status_date), 'date'),
      ...fileRow,
    ]),
    sheet('参与的重点项目', list('projects'), [
      col('项目编号', (r) => text(r.project_id)),
      col('项目名称', (r) => text(r.project_name)),
      col('类型', (r) => text(r.project_type)),
      col('状态', (r) => text(r.project_status)),
      col('角色', (r) => text(r.role)),
      col('风险级别', (r) => (r.risk_level ? levelLabel(String(r.risk_level)) : null)),
      ...fileRow,
    ]),
    sheet('关联法定代表人', list('legal_rep_links'), [
      col('法定代表人', (r) => text(r.legal_rep_name)),
      col('证件号（脱敏）', (r) => text(r.person_id_masked)),
      col('关联主体数', (r) => text(r.entity_count), 'integer'),
      col('关联主体', (r) => text(r.usccs)),
    ]),
  ];
}
