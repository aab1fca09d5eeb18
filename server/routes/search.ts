/**
 * The header search: `GET /api/v1/search?q=` (JSON) and the results page `/search?q=`. Thin: parse the
 * query, check the right (as for profiles: leaders none), read the entity_search mart of the published
 * build, audit the read as an entity read.
 */
import { Router, type Request } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mayViewProfiles } from '../../lib/auth/roles.js';
import { HttpError } from '../../lib/errors.js';
import { html } from '../../dashboards/ui/html.js';
import { t } from '../../dashboards/ui/i18n.js';
import { searchView } from '../../dashboards/search/index.js';
import { searchSay } from '../../dashboards/search/phrases.js';
import { MIN_NAME, MIN_PREFIX, parseSearch, searchEntities } from '../../dashboards/search/query.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityRights } from './entityRights.js';
import { pageNumber, text } from './pageQuery.js';
import { auditedPage, page } from './renderPage.js';
import { clientIp } from './send.js';

interface Deps {
  builds: PublishedBuilds;
  audit: AuditLog;
}

const q = (req: Request) => req.query as Record<string, unknown>;
const MAX_LIMIT = 100;

function bounded(req: Request, name: string, fallback: number, max: number): number {
  const v = text(q(req), name, /^\d{1,6}$/);
  return v === null ? fallback : Math.min(max, Number(v));
}

export function searchApiRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/api/v1/search', async (req, res) => {
    const principal = mustPrincipal(res);
    if (!mayViewProfiles(principal))
      throw new HttpError(403, 'forbidden', `role ${principal.role} may read aggregates only, not search entities`);
    const query = parseSearch(text(q(req), 'q') ?? '');
    const limit = Math.max(1, bounded(req, 'limit', 20, MAX_LIMIT));
    const offset = bounded(req, 'offset', 0, Number.MAX_SAFE_INTEGER);
    const answer = await deps.builds.with(async (build) => {
      if (!build) throw new HttpError(503, 'no_build', 'no build has been published yet; run `sentinel build` first');
      return { build, result: await build.query((db) => searchEntities(db, query, { limit, offset })) };
    });
    await deps.audit.record({
      user: principal.name,
      role: principal.role,
      via: principal.via,
      action: 'entity_search',
      target: '/api/v1/search',
      filters: { q: query.text, ...(offset ? { offset: String(offset) } : {}) },
      format: 'json',
      rows: answer.result.rows.length,
      build_id: answer.build.pointer.build_id,
      ip: clientIp(req),
    });
    res.setHeader('Cache-Control', 'private, no-store');
    res.json({
      as_of: answer.build.pointer.as_of,
      build_id: answer.build.pointer.build_id,
      query: query.text,
      total: answer.result.total,
      limit,
      offset,
      rows: answer.result.rows,
    });
  });
  return router;
}

export function searchPageRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    entityRights(mustPrincipal(res));
    const typed = text(q(req), 'q');
    if (typed === null) {
      await page(deps, req, res, '/search', 'search:empty', async (_db, _build, lang) => ({
        title: t(lang, '搜索'),
        body: html`<h1>${t(lang, '搜索')}</h1><p class="lead">${searchSay(lang).tooShort(MIN_NAME, MIN_PREFIX)}</p>`,
      }));
      return;
    }
    const query = parseSearch(typed);
    const pageNo = pageNumber(q(req));
    const read = {
      action: 'entity_search',
      target: '/search',
      filters: { q: query.text, page: pageNo > 1 ? String(pageNo) : null },
    };
    const key = `search:${JSON.stringify([query.text, pageNo])}`;
    await auditedPage(deps, req, res, '/search', key, read, (db, _build, lang) =>
      searchView(db, { query, page: pageNo }, lang),
    );
  });
  return router;
}
