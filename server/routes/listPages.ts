/**
 * 红黑榜 (issue 14 §3): entity lists, so leaders are refused (entityRights); every other role reads the
 * whole lists, as it reads the violators (no department scope). Every view and export is audited.
 */
import { Router } from 'express';
import { listsSheets } from '../../dashboards/lists/export.js';
import { listsBody } from '../../dashboards/lists/page.js';
import { blackEntries, listChanges, redEntries } from '../../dashboards/lists/query.js';
import type { AuditLog } from '../../lib/auth/audit.js';
import { t } from '../../dashboards/ui/i18n.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityRights } from './entityRights.js';
import { sendPageExport } from './pageExport.js';
import { auditedPage } from './renderPage.js';

interface Deps {
  dataDir: string;
  builds: PublishedBuilds;
  audit: AuditLog;
}

export function listRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/lists', async (req, res) => {
    entityRights(mustPrincipal(res));
    const read = { action: 'page_view', target: '/lists' };
    await auditedPage(deps, req, res, '/lists', 'lists', read, async (db, build, lang) => {
      const red = await redEntries(db);
      const black = await blackEntries(db);
      const changes = await listChanges(db);
      const month = build.pointer.as_of.slice(0, 7);
      return {
        title: t(lang, '红黑榜'),
        body: listsBody({ red, black, changes, month }, lang),
        rows: red.length + black.length,
      };
    });
  });
  router.get('/lists/export', async (req, res) => {
    entityRights(mustPrincipal(res));
    await sendPageExport(deps, req, res, {
      target: '/lists',
      key: 'lists',
      file: '红黑榜',
      sheets: (db) => listsSheets(db),
    });
  });
  return router;
}
