/**
 * CSRF protection of the follow-up forms. The session cookie is SameSite=Lax, which already keeps
 * cross-site POSTs from carrying it in current browsers; the token guards older browsers and same-site
 * pages (another app on a sibling subdomain). The token is an HMAC of the session id under a key held
 * only in this process's memory: sessions live in memory too, so a restart invalidates both together.
 * A bearer-token caller sends no ambient credentials and needs no CSRF token.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { HttpError } from '../../lib/errors.js';

export const CSRF_FIELD = 'csrf';

export class CsrfTokens {
  private readonly key = randomBytes(32);

  /** The token to put in a form for this response's session ('' for token callers, who need none). */
  tokenFor(res: Response): string {
    const sid = res.locals.sessionId as string | undefined;
    return sid ? createHmac('sha256', this.key).update(sid).digest('base64url') : '';
  }

  /** Throws 403 unless the POST came from one of our own pages of this session. */
  check(req: Request, res: Response, sent: unknown): void {
    if (res.locals.sessionId === undefined) return;
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site') throw new HttpError(403, 'csrf', '拒绝来自其他网站的提交');
    const origin = req.headers.origin;
    if (origin !== undefined && hostOf(origin) !== req.headers.host)
      throw new HttpError(403, 'csrf', `拒绝来自 ${origin} 的提交`);
    const expected = Buffer.from(this.tokenFor(res));
    const got = Buffer.from(typeof sent === 'string' ? sent : '');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      throw new HttpError(403, 'csrf', '表单已过期或来源不明，请刷新页面后重新提交');
    }
  }
}

/** An opaque origin ('null') or a malformed one has no host and never matches. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
