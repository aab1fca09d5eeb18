import { Router } from 'express';
import { HOME } from '../../dashboards/ui/nav.js';
import { runsPage } from '../../dashboards/runs/page.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { buildHistory, builtRecords } from '../../dashboards/runs/query.js';
import { lineageOf } from '../../dashboards/runs/lineage.js';
import { langOf } from './language.js';

export function pageRoutes(deps: { builds: PublishedBuilds; dataDir: string }): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(303, HOME));

  router.get('/runs', async (req, res) => {
    const principal = mustPrincipal(res);
    const view = await deps.builds.with(async (build) => {
      const records = build ? await build.query(builtRecords) : { builds: [], models: [], tests: [] };
      const history = await buildHistory(deps.dataDir);
      return { build: build?.pointer ?? null, records, history, lineage: await lineageOf() };
    });
    res.type('html').send(runsPage(principal, view, { lang: langOf(res), url: req.originalUrl }));
  });
  return router;
}
