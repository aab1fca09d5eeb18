import express, { Router } from 'express';
import type { AuthStore } from '../../lib/auth/store.js';
import type { SessionStore } from '../../lib/auth/sessions.js';
import { loginPage } from '../../dashboards/login/page.js';
import { HOME } from '../../dashboards/ui/nav.js';
import { principalOf } from '../authenticate.js';
import { clearSessionCookie, setSessionCookie } from '../cookies.js';
import { langOf } from './language.js';
import type { PublishedBuilds } from '../publishedBuild.js';

/** Only a path on this site: `next` must not send a user elsewhere after login. */
function localPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : HOME;
}

export function loginRoutes(deps: { users: AuthStore; sessions: SessionStore; builds: PublishedBuilds }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const pointer = async () => (await deps.builds.get())?.pointer ?? null;

  router.get('/login', async (req, res) => {
    if (principalOf(res)) return void res.redirect(303, localPath(req.query.next));
    res
      .type('html')
      .send(
        loginPage({ build: await pointer(), next: localPath(req.query.next), lang: langOf(res), url: req.originalUrl }),
      );
  });

  router.post('/login', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = localPath(body.next);
    const user = name && password ? await deps.users.authenticate(name, password) : null;
    if (!user) {
      // The switch on this answer reloads the form (a GET), not the POST.
      const url = `/login?${new URLSearchParams({ next }).toString()}`;
      res
        .status(401)
        .type('html')
        .send(loginPage({ build: await pointer(), next, name, error: '用户名或密码不正确', lang: langOf(res), url }));
      return;
    }
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
