/** 审计日志: the audit lines filtered by user, action and a date range (Asia/Shanghai days), newest first. */
import { readAudit, type ChainedEntry } from '../../lib/auth/audit.js';

export interface AuditFilter {
  user: string | null;
  action: string | null;
  /** YYYY-MM-DD, inclusive, as days in Asia/Shanghai. */
  from: string | null;
  to: string | null;
}

/** The columns of the page's table and of its CSV/XLSX export. */
export const AUDIT_COLUMNS = ['at', 'user', 'role', 'via', 'action', 'target', 'filters', 'format', 'rows', 'ip'];

/** The day of an instant in Asia/Shanghai (UTC+8, no summer time). */
export const shanghaiDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

export function matches(e: ChainedEntry, f: AuditFilter): boolean {
  const day = shanghaiDay(e.at);
  return (
    (!f.user || e.user === f.user) &&
    (!f.action || e.action === f.action) &&
    (!f.from || day >= f.from) &&
    (!f.to || day <= f.to)
  );
}

export interface AuditRows {
  rows: ChainedEntry[];
  users: string[];
  actions: string[];
}

export async function auditRows(dataDir: string, f: AuditFilter): Promise<AuditRows> {
  const all = await readAudit(dataDir);
  const distinct = (pick: (e: ChainedEntry) => string) => [...new Set(all.map(pick))].sort();
  return {
    rows: all.filter((e) => matches(e, f)).reverse(),
    users: distinct((e) => e.user),
    actions: distinct((e) => e.action),
  };
}

/** A line as an export row: filters as `k=v` joined by `|`, like the dataset exports join lists. */
export function exportRow(e: ChainedEntry): Record<string, string | number | null> {
  const filters = Object.entries(e.filters ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('|');
  return { ...e, filters, at: e.at };
}
