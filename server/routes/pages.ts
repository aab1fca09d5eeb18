import { Router } from 'express';
import { mayViewOps } from '../../lib/auth/roles.js';
import { HttpError } from '../../lib/errors.js';
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
    if (!mayViewOps(principal)) throw new HttpError(403, 'forbidden', '运行与模型页面仅供系统管理员和分析人员查看');
    const view = await deps.builds.with((build) => runsView(build, { dataDir: deps.dataDir }));
    res.type('html').send(runsPage(principal, view, { lang: langOf(res), url: req.originalUrl }));
  });
  return router;
}
