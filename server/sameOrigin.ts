/**
 * A form POST must come from a page of this site. Browsers send Origin on every cross-site POST (and
 * Referer or Sec-Fetch-Site otherwise); a request that names another site is refused. A request with
 * none of them is not a browser's cross-site request (scripts, curl) and passes: it carries no cookie
 * a third site could have chosen.
 */
import type { Request } from 'express';

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** The host the browser addressed: Host, or X-Forwarded-Host behind a trusted proxy (Express's req.host). */
const ownHost = (req: Request): string => req.host;

export function isCrossSite(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) return hostOf(origin) !== ownHost(req);
  const referer = req.headers.referer;
  if (referer !== undefined) return hostOf(referer) !== ownHost(req);
  return req.headers['sec-fetch-site'] === 'cross-site';
}
