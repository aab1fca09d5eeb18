/**
 * 审计日志 (admin only): GET /audit lists and filters the audit log, GET /audit/export writes it as CSV
 * or XLSX. Reading the log names who read whose data, so the page and its export are audited too.
 */
import type { Request, Response, Router } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { auditExport, auditView, type AuditFilter } from '../../dashboards/audit/index.js';
import { layout } from '../../dashboards/ui/layout.js';
import { mustBeAdmin, mustPrincipal } from '../authenticate.js';
import { langOf } from './language.js';
import { DATE, oneOf, pageNumber, text } from './pageQuery.js';
import { clientIp } from './send.js';

const NAME = /^\P{Cc}{1,100}$/u;

const adminOnly = (res: Response) => mustBeAdmin(res, '审计日志');

function auditFilter(req: Request): AuditFilter {
  const q = req.query as Record<string, unknown>;
  return {
    user: text(q, 'user', NAME),
    action: text(q, 'action', /^[a-z_]{1,40}$/),
    from: text(q, 'from', DATE),
    to: text(q, 'to', DATE),
  };
}

async function auditRead(audit: AuditLog, req: Request, res: Response, action: string, format: string, rows: number) {
  const p = mustPrincipal(res);
  const filters = Object.entries(auditFilter(req)).filter((e): e is [string, string] => e[1] !== null);
  await audit.record({
    user: p.name,
    role: p.role,
    via: p.via,
    action,
    target: 'audit',
    filters: Object.fromEntries(filters),
    format,
    rows,
    build_id: null,
    ip: clientIp(req),
  });
}

export function auditPageRoutes(router: Router, deps: { audit: AuditLog }): void {
  router.get('/audit', async (req, res) => {
    adminOnly(res);
    const filter = auditFilter(req);
    const pageNo = pageNumber(req.query as Record<string, unknown>);
    const query = { ...filter, page: pageNo > 1 ? String(pageNo) : null };
    const lang = langOf(res);
    const view = await auditView(deps.audit.dataDir, { filter, query, page: pageNo }, lang);
    await auditRead(deps.audit, req, res, 'audit_view', 'html', view.rows ?? 0);
    const frame = { title: view.title, path: '/audit', principal: mustPrincipal(res), build: null, lang };
    res.setHeader('Cache-Control', 'private, no-store');
    res.type('html').send(layout({ ...frame, url: req.originalUrl }, view.body));
  });

  router.get('/audit/export', async (req, res) => {
    adminOnly(res);
    const format = oneOf(req.query as Record<string, unknown>, 'format', ['csv', 'xlsx'] as const, 'csv');
    const out = await auditExport(deps.audit.dataDir, auditFilter(req), format);
    await auditRead(deps.audit, req, res, 'audit_export', format, out.rows);
    res.attachment(`audit.${format}`);
    res.type(
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(out.body);
  });
}
