/** Words the documents share, so DOCX, XLSX and HTML say the same thing. */
import type { Change, DepartmentRow, ReportType, Routing, ScreenedEntity, ScreeningReport } from './types.js';

export const CHANGE_LABEL: Record<Change, string> = { new: '新增', still: '继续列入' };
export const ROLE_LABEL: Record<Routing['role'], string> = { lead: '责任部门', coordinator: '牵头协调' };

export const DEPARTMENT_COLUMNS = [
  '序号',
  '统一社会信用代码',
  '主体名称',
  '通报类型',
  '领域',
  '本期状态',
  '建议措施',
  '办结时限',
  '计入事件',
] as const;
/**
 * The annex's one line per enterprise, with its width in millimetres on a landscape 版心 (225 mm): at
 * 五号 (3.7 mm a character) a 12-character name, a USCC in Times New Roman, a 决定书文号 such as
 * 厦公海行罚决字〔2025〕16号 and 同一领域频繁违法 each fit one line with 2 pt of padding each side (a
 * count and a record number in one cell took two lines a row).
 */
export const ANNEX_COLUMNS: ReadonlyArray<{ title: string; mm: number }> = [
  { title: '序号', mm: 7 },
  { title: '主体名称', mm: 50 },
  { title: '统一社会信用代码', mm: 37 },
  { title: '通报类型', mm: 32 },
  { title: '状态', mm: 17 },
  { title: '措施', mm: 10 },
  { title: '本部门计入事件', mm: 19 },
  { title: '最近一起记录号', mm: 53 },
];
export const RESOLVED_COLUMNS: ReadonlyArray<{ title: string; mm: number }> = [
  { title: '序号', mm: 15 },
  { title: '主体名称', mm: 110 },
  { title: '统一社会信用代码', mm: 100 },
];
export const SUMMARY_COLUMNS = [
  '序号',
  '统一社会信用代码',
  '主体名称',
  '通报类型',
  '领域',
  '本期状态',
  '屡禁不止',
  '建议措施',
  '责任部门',
  '牵头协调',
  '办结时限',
  '计入事件数',
  '抄送机关',
] as const;

export function reportTitle(report: ScreeningReport): string {
  return `关于${Number(report.period.slice(0, 4))}年${Number(report.period.slice(5, 7))}月信用风险筛查情况的通报`;
}

export function typesOf(e: ScreenedEntity): ReportType[] {
  const t: ReportType[] = [];
  if (e.persistent) t.push('屡禁不止');
  if (e.cross) t.push('多领域多次违法');
  if (e.repeat.length) t.push('同一领域频繁违法');
  return t;
}

export function domainText(domains: readonly string[], labels: Record<string, string>): string {
  return domains.map((d) => labels[d] ?? d).join('、');
}

/** The domains an entity is listed for: the repeat domains, else the cross-domain ones. */
export function entityDomains(e: ScreenedEntity): string[] {
  return [...new Set([...e.repeat.map((r) => r.domain), ...(e.cross?.domains ?? [])])].sort();
}

export function evidenceLines(e: ScreenedEntity, labels: Record<string, string>): string[] {
  return e.evidence.map(
    (ev) => `${ev.event_date} ${labels[ev.domain] ?? ev.domain} ${ev.authority ?? '（机关未识别）'} ${ev.event_id}`,
  );
}

/**
 * The record's own number, as a department looks it up: the 决定书文号 of a penalty (the last field of
 * its business key), the 案号 of a court record (the first field: its key is 案号|USCC), the number of
 * a commitment.
 */
export function recordNumber(eventId: string): string {
  const colon = eventId.indexOf(':');
  const source = eventId.slice(0, colon);
  const key = eventId.slice(colon + 1);
  const fields = key.split('|');
  return (source.startsWith('court') ? fields[0] : fields.at(-1)) ?? key;
}

/** date, record number and domain of each counted event: the XLSX's readable evidence column. */
export function shortEvidenceLines(e: ScreenedEntity, labels: Record<string, string>): string[] {
  return e.evidence.map((ev) => `${ev.event_date} ${recordNumber(ev.event_id)}（${labels[ev.domain] ?? ev.domain}）`);
}

/**
 * What one line of a department's annex says of the evidence, as its two cells: for a lead department
 * only the events of its own domains (how many; the latest record's number: 决定书文号, 案号 …), for the
 * coordinator the count per domain.
 */
export function annexEvidence(row: DepartmentRow, labels: Record<string, string>): [string, string] {
  const e = row.entity;
  if (row.role === 'coordinator') {
    const domains = e.cross?.domains ?? entityDomains(e);
    const perDomain = domains.map((d) => `${labels[d] ?? d}${e.evidence.filter((ev) => ev.domain === d).length}起`);
    return [`${e.evidence.length}起`, perDomain.join('、')];
  }
  const own = e.evidence.filter((ev) => row.domains.includes(ev.domain));
  const latest = own.at(-1);
  return latest ? [`${own.length}起`, recordNumber(latest.event_id)] : ['', ''];
}

export function counts(report: ScreeningReport): {
  total: number;
  fresh: number;
  still: number;
  persistent: number;
  resolved: number;
} {
  return {
    total: report.entities.length,
    fresh: report.entities.filter((e) => e.change === 'new').length,
    still: report.entities.filter((e) => e.change === 'still').length,
    persistent: report.entities.filter((e) => e.persistent).length,
    resolved: report.resolved.length,
  };
}
