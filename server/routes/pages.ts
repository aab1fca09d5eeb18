import { Router } from 'express';
import { HOME } from '../../dashboards/ui/nav.js';
import { runsView } from '../../dashboards/runs/index.js';
import { runsPage } from '../../dashboards/runs/page.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { langOf } from './language.js';

export function pageRoutes(deps: { builds: PublishedBuilds; dataDir: string }): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(303, HOME));

  router.get('/runs', async (req, res) => {
    const principal = mustPrincipal(res);
    const view = await deps.builds.with((build) => runsView(build, { dataDir: deps.dataDir }));
    res.type('html').send(runsPage(principal, view, { lang: langOf(res), url: req.originalUrl }));
  });
  return router;
}
