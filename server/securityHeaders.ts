/**
 * Headers on every answer (helmet). The pages run no inline script and no event-handler attribute, so
 * scripts are `'self'` only: an injected `<script>` or `onerror=` does not run. Styles must allow
 * inline: Plot's SVG carries a `<style>` element and `style` attributes, which no nonce can cover, and
 * inline CSS cannot run code. HSTS is left to the TLS-terminating proxy (docs/security.md): on a plain
 * HTTP office network it would only be ignored, and `upgrade-insecure-requests` would break the pages.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        // The page icon is `data:,` (no request for /favicon.ico).
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
}

/** Pages and API answers carry entity data: no browser or proxy may keep a copy. Assets are mounted before. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
