import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const ASSETS = fileURLToPath(new URL('../../dashboards/assets', import.meta.url));

/** Stylesheets and scripts of the pages; public, since the login page needs them too. */
export function assetRoutes(): Router {
  const router = Router();
  router.use('/assets', express.static(ASSETS, { fallthrough: false, index: false, maxAge: '1h' }));
  return router;
}
