import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const ASSETS = fileURLToPath(new URL('../../dashboards/assets', import.meta.url));
const modules = (rel: string) => fileURLToPath(new URL(`../../node_modules/${rel}`, import.meta.url));

/** Browser bundles served from node_modules: this machine (and the office network) has no CDN. */
const VENDOR: Record<string, string> = {
  'd3.min.js': modules('d3/dist/d3.min.js'),
  'plot.umd.min.js': modules('@observablehq/plot/dist/plot.umd.min.js'),
};

/** Stylesheets and scripts of the pages; public, since the login page needs them too. */
export function assetRoutes(): Router {
  const router = Router();
  router.get('/assets/vendor/:file', (req, res, next) => {
    // Own names only: `__proto__` or `constructor` would find Object's and crash sendFile (a 500).
    const file = Object.hasOwn(VENDOR, req.params.file) ? VENDOR[req.params.file] : undefined;
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });
  router.use('/assets', express.static(ASSETS, { fallthrough: false, index: false, maxAge: '1h' }));
  return router;
}
