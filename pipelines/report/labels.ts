/** Words the documents share, so DOCX, XLSX and HTML say the same thing. */
import type { Change, ReportType, Routing, ScreenedEntity, ScreeningReport } from './types.js';

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
 * The evidence as a printed table has room for: date, the record's own number (the last field of its
 * business key: 决定书文号, 案号 …) and the domain. The XLSX keeps the full event ids.
 */
export function shortEvidenceLines(e: ScreenedEntity, labels: Record<string, string>): string[] {
  return e.evidence.map((ev) => {
    const key = ev.event_id.slice(ev.event_id.indexOf(':') + 1);
    return `${ev.event_date} ${key.slice(key.lastIndexOf('|') + 1)}（${labels[ev.domain] ?? ev.domain}）`;
  });
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
