/**
 * 撤销信用报告 (admin, credit_office — mayIssueReports): GET /credit-reports/<id>/revoke shows the form or
 * the revocation, POST revokes with a required reason. Both audited; `GET /verify/<code>` then says the
 * report was revoked and when (server/routes/verify.ts).
 */
import express, { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mayIssueReports } from '../../lib/auth/roles.js';
import { findById, type CreditReportRecord } from '../../lib/creditReport/records.js';
import { revocationOf, revokeReport } from '../../lib/creditReport/revocations.js';
import { HttpError, InputError } from '../../lib/errors.js';
import { layout } from '../../dashboards/ui/layout.js';
import { t } from '../../dashboards/ui/i18n.js';
import { revokeBody } from '../../dashboards/credit-report/revoke.js';
import { mustPrincipal } from '../authenticate.js';
import { CsrfTokens } from './followUpCsrf.js';
import { langOf } from './language.js';
import { clientIp } from './send.js';

const ID_SHAPE = /^\d{4}-\d{4,}$/;

interface Deps {
  dataDir: string;
  audit: AuditLog;
  now: () => Date;
}

function rights(res: Response): void {
  if (!mayIssueReports(mustPrincipal(res)))
    throw new HttpError(403, 'forbidden', '撤销信用报告需要信用办或系统管理员角色');
}

function recordOf(deps: Deps, req: Request): CreditReportRecord {
  const id = String(req.params.id ?? '');
  const r = ID_SHAPE.test(id) ? findById(deps.dataDir, id) : null;
  if (!r) throw new HttpError(404, 'unknown_report', `没有编号为 ${id} 的信用报告`);
  return r;
}

export function creditReportRevokeRoutes(deps: Deps): Router {
  const router = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  async function audit(req: Request, res: Response, action: string, r: CreditReportRecord, format: string | null) {
    const p = mustPrincipal(res);
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action,
      target: r.uscc,
      filters: { report_no: r.report_no },
      format,
      rows: null,
      build_id: r.build_id,
      ip: clientIp(req),
    });
  }

  function send(req: Request, res: Response, r: CreditReportRecord, error: string | null, status = 200) {
    const lang = langOf(res);
    const frame = {
      title: t(lang, '撤销信用报告'),
      path: '/violators',
      principal: mustPrincipal(res),
      build: { as_of: r.as_of, build_id: r.build_id },
      lang,
      url: req.originalUrl,
    };
    const body = revokeBody(r, revocationOf(deps.dataDir, r.id), { csrf: csrf.tokenFor(res), error, lang });
    res.status(status).type('html').setHeader('Cache-Control', 'private, no-store');
    res.send(layout(frame, body));
  }

  router.get('/credit-reports/:id/revoke', async (req, res) => {
    rights(res);
    const r = recordOf(deps, req);
    await audit(req, res, 'page_view', r, 'html');
    send(req, res, r, null);
  });

  router.post('/credit-reports/:id/revoke', form, async (req, res) => {
    rights(res);
    const r = recordOf(deps, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    csrf.check(req, res, body.csrf);
    const reason = typeof body.reason === 'string' ? body.reason : '';
    try {
      await revokeReport(deps.dataDir, { number: r.id, by: mustPrincipal(res).name, reason }, deps.now());
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return void send(req, res, r, e.message, 400);
    }
    await audit(req, res, 'credit_report_revoke', r, null);
    res.redirect(303, `/credit-reports/${r.id}/revoke`);
  });
  return router;
}
