/**
 * 表头映射 (admin, credit_office): GET /headers lists the unknown headers the ingest saw; POST
 * /headers/confirm writes one into the mapping file with who confirmed it. The list shows delivered
 * cells and the confirmation changes what future files load as, so both are audited.
 */
import express, { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mayMapHeaders } from '../../lib/auth/roles.js';
import { HttpError, SentinelError } from '../../lib/errors.js';
import { confirmMapping } from '../../lib/headerMappings/confirm.js';
import { headersReview } from '../../dashboards/headers/query.js';
import { headersView } from '../../dashboards/headers/index.js';
import { layout } from '../../dashboards/ui/layout.js';
import { t } from '../../dashboards/ui/i18n.js';
import { mustPrincipal } from '../authenticate.js';
import { CsrfTokens } from './followUpCsrf.js';
import { langOf } from './language.js';
import { text } from './pageQuery.js';
import { clientIp } from './send.js';

interface Deps {
  dataDir: string;
  audit: AuditLog;
  /** The mapping file's resolved path (ingest.header_mappings_file). */
  mappingFile: string;
  now: () => Date;
}

const PATTERN = /^[^\p{Cc}/\\]{1,100}$/u;

function officeOnly(res: Response): void {
  const p = mustPrincipal(res);
  if (!mayMapHeaders(p))
    throw new HttpError(403, 'forbidden', `表头映射仅系统管理员和信用办可以查看；角色 ${p.role} 无权访问`);
}

export function headerRoutes(deps: Deps): Router {
  const router = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  async function audit(
    req: Request,
    res: Response,
    action: string,
    target: string,
    filters: Record<string, string>,
    rows: number,
  ) {
    const p = mustPrincipal(res);
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action,
      target,
      filters,
      format: action === 'headers_view' ? 'html' : null,
      rows,
      build_id: null,
      ip: clientIp(req),
    });
  }

  async function send(req: Request, res: Response, notice: string | null, error: string | null, status = 200) {
    const lang = langOf(res);
    const view = headersView(
      deps.dataDir,
      { mappingFile: deps.mappingFile, csrf: csrf.tokenFor(res), notice, error },
      lang,
    );
    await audit(req, res, 'headers_view', 'headers', {}, view.rows ?? 0);
    const frame = {
      title: view.title,
      path: '/headers',
      principal: mustPrincipal(res),
      build: null,
      lang,
      url: '/headers',
    };
    res.status(status).type('html').setHeader('Cache-Control', 'private, no-store');
    res.send(layout(frame, view.body));
  }

  router.get('/headers', async (req, res) => {
    officeOnly(res);
    const done = text(req.query as Record<string, unknown>, 'confirmed', /^\P{Cc}{1,200}$/u);
    await send(req, res, done ? `${t(langOf(res), '已确认映射')}：${done}` : null, null);
  });

  router.post('/headers/confirm', form, async (req, res) => {
    officeOnly(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    csrf.check(req, res, body.csrf);
    const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
    const [source, header, target, files] = [field('source'), field('header'), field('field'), field('files')];
    // Only a header the ingest saw can be confirmed here, against the fields the ingest recorded with it.
    const { rows, catalogue } = headersReview(deps.dataDir, deps.mappingFile);
    if (!rows.some((r) => r.source === source && r.header === header))
      throw new HttpError(404, 'unknown_header', `没有读到过 ${source} 的列名「${header}」`);
    if (files !== '' && !PATTERN.test(files))
      throw new HttpError(400, 'bad_parameter', '适用文件应是文件名模式（* 与 ?）');
    const p = mustPrincipal(res);
    try {
      const entry = await confirmMapping(deps.mappingFile, catalogue, {
        source,
        header,
        field: target,
        files: files || null,
        by: p.name,
        at: deps.now(),
      });
      const mapped = entry.headers[header] ?? target;
      await audit(
        req,
        res,
        'header_mapping_confirmed',
        `${source}|${header}`,
        { field: mapped, ...(files ? { files } : {}) },
        1,
      );
    } catch (e) {
      // A field already mapped in the same scope, or a mapping file someone broke by hand: said on the page.
      if (!(e instanceof SentinelError)) throw e;
      return void (await send(req, res, null, e.message, 400));
    }
    res.redirect(303, `/headers?${new URLSearchParams({ confirmed: `${source} ${header}` }).toString()}`);
  });
  return router;
}
