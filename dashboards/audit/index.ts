/** The admin's audit page and its export: who read what, filtered by user, action and date range. */
import { encode, type ExportRow } from '../../pipelines/export/formats.js';
import type { Lang } from '../ui/i18n.js';
import { t } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { AUDIT_PAGE_SIZE, auditBody } from './page.js';
import { AUDIT_COLUMNS, auditRows, exportRow, type AuditFilter } from './query.js';

export type { AuditFilter } from './query.js';

export interface AuditParams {
  filter: AuditFilter;
  query: Record<string, string | null>;
  /** 1-based. */
  page: number;
}

export async function auditView(dataDir: string, params: AuditParams, lang: Lang): Promise<PageView> {
  const r = await auditRows(dataDir, params.filter);
  const offset = (params.page - 1) * AUDIT_PAGE_SIZE;
  return {
    title: t(lang, '审计日志'),
    body: auditBody({ ...r, filter: params.filter, query: params.query, offset, lang }),
    rows: Math.min(AUDIT_PAGE_SIZE, Math.max(0, r.rows.length - offset)),
  };
}

/** Every matching line, newest first, as CSV (UTF-8 with a BOM) or XLSX. */
export async function auditExport(
  dataDir: string,
  filter: AuditFilter,
  format: 'csv' | 'xlsx',
): Promise<{ body: Buffer; rows: number }> {
  const { rows } = await auditRows(dataDir, filter);
  const body = await encode(format, 'audit', AUDIT_COLUMNS, rows.map(exportRow) as ExportRow[]);
  return { body, rows: rows.length };
}
