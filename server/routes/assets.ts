import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { sendCompressed } from '../compressedAssets.js';

const ASSETS = fileURLToPath(new URL('../../dashboards/assets', import.meta.url));
const modules = (rel: string) => fileURLToPath(new URL(`../../node_modules/${rel}`, import.meta.url));

/**
 * Browser bundles served from node_modules: this machine (and the office network) has no CDN. Only d3,
 * which enhance.js uses; the charts are drawn by Plot on the server, so Plot's browser bundle is not sent.
 */
const VENDOR: Record<string, string> = {
  'd3.min.js': modules('d3/dist/d3.min.js'),
};

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** The pages' own stylesheet and script, by name: a name not in the folder is never looked up on disk. */
const OWN: Record<string, string> = Object.fromEntries(
  readdirSync(ASSETS)
    .filter((f) => Object.hasOwn(TYPES, extname(f)))
    .map((f) => [f, join(ASSETS, f)]),
);

/** Stylesheets and scripts of the pages, compressed; public, since the login page needs them too. */
export function assetRoutes(): Router {
  const router = Router();
  router.get('/assets/vendor/:file', (req, res, next) => {
    // Own names only: `__proto__` or `constructor` would find Object's and crash sendFile (a 500).
    const file = Object.hasOwn(VENDOR, req.params.file) ? VENDOR[req.params.file] : undefined;
    if (!file) return next();
    sendCompressed(req, res, file, { type: TYPES['.js']!, maxAgeSeconds: 86_400 });
  });
  router.get('/assets/:file', (req, res, next) => {
    const file = Object.hasOwn(OWN, req.params.file) ? OWN[req.params.file] : undefined;
    if (!file) return next();
    sendCompressed(req, res, file, { type: TYPES[extname(file)]!, maxAgeSeconds: 3600 });
  });
  router.use('/assets', express.static(ASSETS, { fallthrough: false, index: false, maxAge: '1h' }));
  return router;
}
