/**
 * The profile's 出具信用报告: a form per entity, the POST that issues the report through the issuer that
 * `sentinel serve` / `start` hand the app (lib/creditReport/issuer.ts), the issued report's page and its
 * downloads. Admin and credit_office only (lib/auth/roles.ts mayIssueReports); every step audited.
 */
import { join } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mayIssueReports } from '../../lib/auth/roles.js';
import type { CreditReportIssuer } from '../../lib/creditReport/issuer.js';
import { findById, readCreditReports, type CreditReportRecord } from '../../lib/creditReport/records.js';
import { readRevocations } from '../../lib/creditReport/revocations.js';
import { paths } from '../../lib/dataDir.js';
import { HttpError } from '../../lib/errors.js';
import { USCC_CHARSET } from '../../lib/validate/uscc.js';
import { Html } from '../../dashboards/ui/html.js';
import { layout, type PageBuild } from '../../dashboards/ui/layout.js';
import { t } from '../../dashboards/ui/i18n.js';
import { creditReportBody, creditReportFormBody } from '../../dashboards/credit-report/page.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { CsrfTokens } from './followUpCsrf.js';
import { langOf } from './language.js';
import { clientIp } from './send.js';

const USCC_SHAPE = new RegExp(`^[${USCC_CHARSET}]{18}$`);
const ID_SHAPE = /^\d{4}-\d{4,}$/;

interface Deps {
  dataDir: string;
  builds: PublishedBuilds;
  audit: AuditLog;
  issuer: CreditReportIssuer | null;
  specialYears: number;
}

function issuerRights(res: Response): void {
  if (!mayIssueReports(mustPrincipal(res)))
    throw new HttpError(403, 'forbidden', '出具信用报告需要信用办或系统管理员角色');
}

function usccOf(req: Request): string {
  const uscc = String(req.params.uscc ?? '').toUpperCase();
  if (!USCC_SHAPE.test(uscc))
    throw new HttpError(400, 'bad_uscc', `“${String(req.params.uscc)}”不是 18 位统一社会信用代码`);
  return uscc;
}

function recordOf(deps: Deps, req: Request): CreditReportRecord {
  const id = String(req.params.id ?? '');
  const r = ID_SHAPE.test(id) ? findById(deps.dataDir, id) : null;
  if (!r) throw new HttpError(404, 'unknown_report', `没有编号为 ${id} 的信用报告`);
  return r;
}

export function creditReportRoutes(deps: Deps): Router {
  const router = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '2kb' });
  const audit = async (
    req: Request,
    res: Response,
    action: string,
    target: string,
    extra: Record<string, string>,
    format: string,
    buildId: string | null,
  ) => {
    const p = mustPrincipal(res);
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action,
      target,
      filters: extra,
      format,
      rows: null,
      build_id: buildId,
      ip: clientIp(req),
    });
  };
  const send = (req: Request, res: Response, title: string, body: Html, build: PageBuild) =>
    res.type('html').send(
      layout(
        {
          title,
          path: '/violators',
          principal: mustPrincipal(res),
          build,
          lang: langOf(res),
          url: req.originalUrl,
        },
        body,
      ),
    );

  router.get('/entities/:uscc/credit-report', async (req, res) => {
    issuerRights(res);
    const uscc = usccOf(req);
    const lang = langOf(res);
    const found = await deps.builds.with(async (build) => {
      if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建：请先运行 sentinel build');
      const name = await build.query((db) =>
        db.value<string | null>(`select max(name) from entity_search where uscc = ?`, [uscc]),
      );
      return { name, build: build.pointer };
    });
    await audit(req, res, 'page_view', `/entities/${uscc}/credit-report`, {}, 'html', found.build.build_id);
    if (found.name === null) throw new HttpError(404, 'unknown_entity', `构建中没有 ${uscc} 的任何记录`);
    const issued = readCreditReports(deps.dataDir)
      .filter((r) => r.uscc === uscc)
      .reverse();
    send(
      req,
      res,
      t(lang, '出具信用报告'),
      creditReportFormBody({
        uscc,
        name: found.name,
        years: deps.specialYears,
        csrf: csrf.tokenFor(res),
        issued,
        revoked: new Map(readRevocations(deps.dataDir).map((r) => [r.report_id, r.revoked_at])),
        lang,
      }),
      found.build,
    );
  });

  router.post('/entities/:uscc/credit-report', form, async (req, res) => {
    issuerRights(res);
    const uscc = usccOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    csrf.check(req, res, body.csrf);
    const variant =
      body.variant === 'special'
        ? 'special'
        : body.variant === 'standard' || body.variant === undefined
          ? 'standard'
          : null;
    if (!variant) throw new HttpError(400, 'bad_parameter', `variant 只能是 standard 或 special`);
    const issuer = deps.issuer;
    if (!issuer)
      throw new HttpError(503, 'no_issuer', '本服务未启用信用报告：请用 sentinel serve 或 sentinel start 启动');
    const record = await deps.builds.with(async (build) => {
      if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建：请先运行 sentinel build');
      return issuer({
        uscc,
        variant,
        issuedBy: mustPrincipal(res).name,
        source: { pointer: build.pointer, query: (fn) => build.query(fn) },
      });
    });
    await audit(
      req,
      res,
      'credit_report_issue',
      uscc,
      { report_no: record.report_no, variant },
      record.files.pdf ? 'pdf+docx' : 'docx',
      record.build_id,
    );
    res.redirect(303, `/credit-reports/${record.id}`);
  });

  router.get('/credit-reports/:id', async (req, res) => {
    issuerRights(res);
    const r = recordOf(deps, req);
    await audit(req, res, 'page_view', `/credit-reports/${r.id}`, {}, 'html', r.build_id);
    send(req, res, t(langOf(res), '信用报告'), creditReportBody(r, langOf(res)), {
      as_of: r.as_of,
      build_id: r.build_id,
    });
  });

  router.get('/credit-reports/:id/report.:kind', async (req, res) => {
    issuerRights(res);
    const r = recordOf(deps, req);
    const kind = req.params.kind;
    const file = kind === 'pdf' ? r.files.pdf : kind === 'docx' ? r.files.docx : null;
    if (!file) throw new HttpError(404, 'no_file', `信用报告 ${r.report_no} 没有 ${String(kind)} 文件`);
    await audit(req, res, 'credit_report_download', r.uscc, { report_no: r.report_no }, String(kind), r.build_id);
    res.setHeader('Cache-Control', 'private, no-store');
    res.download(
      join(paths.creditReportFiles(deps.dataDir), file.name),
      `${r.report_no}${kind === 'pdf' ? '.pdf' : '.docx'}`,
    );
  });
  return router;
}
