/** The one middleware that turns errors (HttpError, SentinelError, a body parser's 4xx) into answers. */
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Principal } from '../lib/auth/roles.js';
import { HttpError, SentinelError } from '../lib/errors.js';
import type { Log } from '../lib/log.js';
import { errorBody, errorPage } from '../dashboards/ui/errorPage.js';
import { html } from '../dashboards/ui/html.js';
import { requestLang } from '../dashboards/ui/i18n.js';
import { layout } from '../dashboards/ui/layout.js';

function toHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof SentinelError)
    return new HttpError(e.code === 'no_build' || e.code === 'locked' ? 503 : 400, e.code, e.message);
  const status = (e as { status?: unknown }).status;
  // Express's body parsers attach a 4xx status to malformed requests.
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new HttpError(status, 'bad_request', (e as Error).message);
  return new HttpError(500, 'internal', 'internal error');
}

/** A signed-in user keeps the header and navigation on an error page; anyone else gets the plain page. */
function errorHtml(e: HttpError, req: Request, res: Response): string {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal || e.status === 401) return errorPage(e.status, e.message);
  const lang = requestLang.getStore() ?? 'zh';
  const { title, body } = errorBody(e.status, e.message, lang);
  const frame = { title, path: req.path, principal, build: null, lang, url: req.originalUrl };
  return layout(frame, html`<div class="error">${body}</div>`);
}

export function errorMiddleware(log: Log): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = toHttpError(err);
    if (e.status >= 500 && e.code === 'internal') log.error({ err, path: req.path }, 'request failed');
    if (res.headersSent) return void res.end();
    const wantsJson = req.path.startsWith('/api/') || req.path === '/healthz';
    res.status(e.status);
    if (wantsJson) res.json({ error: { code: e.code, message: e.message } });
    else res.type('html').send(errorHtml(e, req, res));
  };
}
