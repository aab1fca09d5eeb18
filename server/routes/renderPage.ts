/** Renders a dashboard page from the published build, cached per build, and sends it in the layout. */
import type { Request, Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import type { Db } from '../../lib/db.js';
import { HttpError } from '../../lib/errors.js';
import { Html } from '../../dashboards/ui/html.js';
import type { Lang } from '../../dashboards/ui/i18n.js';
import { layout } from '../../dashboards/ui/layout.js';
import type { PageView } from '../../dashboards/ui/pageView.js';
import { mustPrincipal } from '../authenticate.js';
import type { BuildHandle, PublishedBuilds } from '../publishedBuild.js';
import { langOf } from './language.js';
import { clientIp } from './send.js';

export type Render = (db: Db, build: BuildHandle, lang: Lang) => Promise<PageView>;

export interface PageDeps {
  builds: PublishedBuilds;
}

export interface Rendered {
  title: string;
  body: string;
  rows: number;
  pointer: BuildHandle['pointer'];
}

/**
 * A page body from the published build, cached per build under `key` (which must hold every input,
 * masking included) and the language: a body rendered in English must never answer a Chinese request.
 */
export async function renderPage(deps: PageDeps, lang: Lang, key: string, render: Render): Promise<Rendered> {
  return deps.builds.with(async (build) => {
    if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建：请先运行 sentinel build');
    const cached = await build.cache.getOrCompute(`page:${lang}:${key}`, async () => {
      const out = await build.query((db) => render(db, build, lang));
      return {
        body: Buffer.from(JSON.stringify({ title: out.title, body: out.body.value })),
        contentType: 'text/html',
        rows: out.rows ?? 0,
      };
    });
    const { title, body } = JSON.parse(cached.body.toString('utf8')) as { title: string; body: string };
    return { title, body, rows: cached.rows, pointer: build.pointer };
  });
}

export function sendPage(req: Request, res: Response, path: string, r: Rendered): void {
  res.type('html').send(
    layout(
      {
        title: r.title,
        path,
        principal: mustPrincipal(res),
        build: r.pointer,
        lang: langOf(res),
        url: req.originalUrl,
      },
      new Html(r.body),
    ),
  );
}

export async function page(
  deps: PageDeps,
  req: Request,
  res: Response,
  path: string,
  key: string,
  render: Render,
): Promise<void> {
  sendPage(req, res, path, await renderPage(deps, langOf(res), key, render));
}

/** What a page of entity data records in the audit log: the action and what was read. */
export interface PageRead {
  action: string;
  target: string;
  filters?: Record<string, string | null>;
}

/** Records that the signed-in user read `read` from the build `r` came from (rows: what the page listed). */
export async function auditPageRead(audit: AuditLog, req: Request, res: Response, read: PageRead, r: Rendered) {
  const p = mustPrincipal(res);
  const filters = Object.entries(read.filters ?? {}).filter((e): e is [string, string] => e[1] !== null);
  await audit.record({
    user: p.name,
    role: p.role,
    via: p.via,
    action: read.action,
    target: read.target,
    filters: Object.fromEntries(filters),
    format: 'html',
    rows: r.rows,
    build_id: r.pointer.build_id,
    ip: clientIp(req),
  });
}

/** A page of entity data: rendered like any page, then its read is audited before it is sent. */
export async function auditedPage(
  deps: PageDeps & { audit: AuditLog },
  req: Request,
  res: Response,
  path: string,
  key: string,
  read: PageRead,
  render: Render,
): Promise<void> {
  const r = await renderPage(deps, langOf(res), key, render);
  await auditPageRead(deps.audit, req, res, read, r);
  sendPage(req, res, path, r);
}
