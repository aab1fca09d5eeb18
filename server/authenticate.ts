/**
 * Who is calling: a session cookie (pages and the browser's API calls) or `Authorization: Bearer`
 * (scripts and notebooks). The principal is put on res.locals; routes read it with `principalOf`.
 */
import type { RequestHandler, Response } from 'express';
import type { Principal } from '../lib/auth/roles.js';
import type { AuthStore, UserRecord } from '../lib/auth/store.js';
import type { SessionStore } from '../lib/auth/sessions.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { HttpError } from '../lib/errors.js';

const principal = (u: UserRecord, via: Principal['via']): Principal => ({
  name: u.name,
  role: u.role,
  department: u.department,
  via,
});

export function authenticate(users: AuthStore, sessions: SessionStore): RequestHandler {
  return (req, res, next) => {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const user = m ? users.userForToken(m[1]!) : null;
      // A wrong token is refused outright rather than falling back to the cookie: a script should learn its token is
      // bad.
      if (!user) return next(new HttpError(401, 'bad_token', 'the API token is not valid'));
      res.locals.principal = principal(user, 'token');
      return next();
    }
    const sid = readCookie(req, SESSION_COOKIE);
    const session = sid ? sessions.get(sid) : null;
    const user = session ? users.findUser(session.user) : undefined;
    if (session && user) {
      res.locals.principal = principal(user, 'session');
      res.locals.sessionId = session.id;
    }
    next();
  };
}

export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | undefined) ?? null;
}

/** For /api/ routes: 401 without a caller. */
export const requireCaller: RequestHandler = (_req, res, next) => {
  if (principalOf(res)) return next();
  res.setHeader('WWW-Authenticate', 'Bearer realm="sentinel"');
  next(
    new HttpError(401, 'unauthenticated', 'sign in or send Authorization: Bearer <token> (sentinel user token <name>)'),
  );
};

/** For pages: send the visitor to the login page, and back here afterwards. */
export const requirePageUser: RequestHandler = (req, res, next) => {
  if (principalOf(res)) return next();
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
};

export function mustPrincipal(res: Response): Principal {
  const p = principalOf(res);
  if (!p) throw new HttpError(401, 'unauthenticated', 'not signed in');
  return p;
}

/** The admin's own pages (审计日志, 用户管理): 403 for every other role, naming the page. */
export function mustBeAdmin(res: Response, page: string): Principal {
  const p = mustPrincipal(res);
  if (p.role !== 'admin') throw new HttpError(403, 'forbidden', `${page}仅系统管理员可用；角色 ${p.role} 无权访问`);
  return p;
}
