import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AuthStore } from '../../lib/auth/store.js';
import type { SessionStore } from '../../lib/auth/sessions.js';
import type { AuditLog } from '../../lib/auth/audit.js';
import { loginPage } from '../../dashboards/login/page.js';
import { HOME } from '../../dashboards/ui/nav.js';
import { principalOf } from '../authenticate.js';
import { clearSessionCookie, setSessionCookie } from '../cookies.js';
import { langOf } from './language.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { clientIp } from './send.js';
import { LoginThrottle, type LoginLimits } from '../loginThrottle.js';
import { loginAddressLimiter } from '../loginLimiter.js';
import { isCrossSite } from '../sameOrigin.js';

export interface LoginDeps {
  users: AuthStore;
  sessions: SessionStore;
  builds: PublishedBuilds;
  audit: AuditLog;
  limits: LoginLimits;
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * Why a login was refused: the sentence in each language (word order differs, so whole sentences), keyed by the
 * word the audit log records.
 */
const REFUSALS = {
  bad_password: {
    zh: () => '用户名或密码不正确',
    en: () => 'The user name or password is wrong',
  },
  wait: {
    zh: (s: number) => `登录失败次数过多，请 ${s} 秒后再试`,
    en: (s: number) => `Too many failed sign-ins: try again in ${s} s`,
  },
  account_locked: {
    zh: (s: number) => `该账号登录失败次数过多，已暂时锁定，请 ${minutes(s)} 分钟后再试`,
    en: (s: number) => `Too many failed sign-ins for this account: it is locked, try again in ${minutes(s)} min`,
  },
  address_locked: {
    zh: (s: number) => `本机登录失败次数过多，已暂时锁定，请 ${minutes(s)} 分钟后再试`,
    en: (s: number) => `Too many failed sign-ins from this computer: it is locked, try again in ${minutes(s)} min`,
  },
  cross_site: {
    zh: () => '登录请求不是从本站登录页提交的，已拒绝',
    en: () => "The sign-in was not sent from this site's sign-in page and was refused",
  },
} as const;
type Refusal = keyof typeof REFUSALS;
const STATUS: Record<Refusal, number> = {
  bad_password: 401,
  wait: 429,
  account_locked: 429,
  address_locked: 429,
  cross_site: 403,
};

/** Only a path on this site: `next` must not send a user elsewhere after login. */
function localPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : HOME;
}

export function loginRoutes(deps: LoginDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const pointer = async () => (await deps.builds.get())?.pointer ?? null;
  const throttle = new LoginThrottle(deps.limits);

  /** Every refused login is audited, then answered with the form and the reason in words. */
  async function refuse(req: Request, res: Response, why: Refusal, retryAfterSeconds = 0): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const next = localPath(body.next);
    await deps.audit.record({
      user: name,
      role: deps.users.findUser(name)?.role ?? 'unknown',
      via: 'session',
      action: 'login_failed',
      target: name,
      filters: { reason: why },
      format: null,
      rows: null,
      build_id: null,
      ip: clientIp(req),
    });
    if (retryAfterSeconds > 0) res.setHeader('Retry-After', String(retryAfterSeconds));
    // The switch on this answer reloads the form (a GET), not the POST.
    const url = `/login?${new URLSearchParams({ next }).toString()}`;
    const error = REFUSALS[why][langOf(res)](retryAfterSeconds);
    res
      .status(STATUS[why])
      .type('html')
      .send(loginPage({ build: await pointer(), next, name, error, lang: langOf(res), url }));
  }

  router.get('/login', async (req, res) => {
    if (principalOf(res)) return void res.redirect(303, localPath(req.query.next));
    res
      .type('html')
      .send(
        loginPage({ build: await pointer(), next: localPath(req.query.next), lang: langOf(res), url: req.originalUrl }),
      );
  });

  const addressLimiter = loginAddressLimiter(deps.limits, (req, res, s) => refuse(req, res, 'address_locked', s));
  // Before the address count: another site must not be able to lock a visitor's address out.
  const sameSiteOnly: RequestHandler = (req, res, next) =>
    isCrossSite(req) ? void refuse(req, res, 'cross_site') : next();
  router.post('/login', form, sameSiteOnly, addressLimiter, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = localPath(body.next);
    const address = clientIp(req) ?? '';
    const verdict = throttle.check(name, address);
    if (!verdict.ok)
      return refuse(req, res, verdict.reason === 'locked' ? 'account_locked' : 'wait', verdict.retryAfterSeconds);
    const user = name && password ? await deps.users.authenticate(name, password) : null;
    if (!user) {
      throttle.failed(name, address);
      return refuse(req, res, 'bad_password');
    }
    throttle.succeeded(name);
    const old = res.locals.sessionId as string | undefined;
    if (old) deps.sessions.destroy(old);
    setSessionCookie(req, res, deps.sessions.create(user.name).id);
    res.redirect(303, next);
  });

  router.post('/logout', (req, res) => {
    const sid = res.locals.sessionId as string | undefined;
    if (sid) deps.sessions.destroy(sid);
    clearSessionCookie(req, res);
    res.redirect(303, '/login');
  });
  return router;
}
