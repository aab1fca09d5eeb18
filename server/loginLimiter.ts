/**
 * The per-address lockout of POST /login: express-rate-limit counts each address's failed logins
 * (answers of 400 and above; a successful login is not counted) in a window of `lockout_minutes` and,
 * past `address_lockout_failures`, answers with `onLocked` until the window ends.
 */
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { LoginLimits } from './loginThrottle.js';

export function loginAddressLimiter(
  limits: LoginLimits,
  onLocked: (req: Request, res: Response, retryAfterSeconds: number) => Promise<void>,
): RequestHandler {
  const windowMs = limits.lockout_minutes * 60_000;
  return rateLimit({
    windowMs,
    limit: limits.address_lockout_failures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // `trust_proxy: true` is a documented setting (docs/security.md says to prefer a hop count); the
    // library's console warnings about it and about X-Forwarded-For would only be noise in the log.
    validate: { trustProxy: false, xForwardedForHeader: false },
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : windowMs / 1000;
      onLocked(req, res, seconds).catch(next);
    },
  });
}
