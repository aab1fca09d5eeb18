/**
 * 收件箱 (GET /inbox, POST /inbox/read) and 我的订阅 (GET and POST /subscriptions). Rights are
 * lib/subscriptions' (leaders read no warning: 403) and lib/auth/scope.ts's (a department user's
 * department is fixed). Opening the inbox reads entity data and is audited; so is every change of a
 * subscription, with what was chosen.
 */
import express, { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import type { Principal } from '../../lib/auth/roles.js';
import { departmentScope } from '../../lib/auth/scope.js';
import { HttpError, InputError } from '../../lib/errors.js';
import { knownDepartments } from '../../lib/publish/departments.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { markRead, readInbox, unreadCount } from '../../lib/subscriptions/inbox.js';
import {
  checkedSubscription,
  maySubscribe,
  saveSubscription,
  subscribableKinds,
  subscriptionOf,
} from '../../lib/subscriptions/subscription.js';
import { inboxBody } from '../../dashboards/inbox/page.js';
import { subscriptionsBody } from '../../dashboards/subscriptions/page.js';
import { layout } from '../../dashboards/ui/layout.js';
import type { Html } from '../../dashboards/ui/html.js';
import { t } from '../../dashboards/ui/i18n.js';
import { mustPrincipal } from '../authenticate.js';
import { CsrfTokens } from './followUpCsrf.js';
import { langOf } from './language.js';
import { clientIp } from './send.js';

export interface InboxDeps {
  dataDir: string;
  audit: AuditLog;
  levels: Readonly<Record<string, string>>;
  now: () => Date;
}

function subscriber(res: Response): Principal {
  const p = mustPrincipal(res);
  if (!maySubscribe(p)) throw new HttpError(403, 'forbidden', '领导角色只读汇总数据，没有预警收件箱和订阅');
  return p;
}

/** A form field given once or repeated (checkboxes), as strings. */
function values(req: Request, k: string): string[] {
  const v = (req.body as Record<string, unknown> | undefined)?.[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

export function inboxRoutes(deps: InboxDeps): Router {
  const router = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 2000 });
  const kinds = subscribableKinds(deps.levels);

  function send(req: Request, res: Response, path: string, title: string, body: Html, status = 200): void {
    const lang = langOf(res);
    // The count after this request's own change (a POST that marked items read answers with the new one).
    const p = { ...mustPrincipal(res), inboxUnread: unreadCount(deps.dataDir, mustPrincipal(res).name) };
    res.status(status).setHeader('Cache-Control', 'private, no-store');
    res
      .type('html')
      .send(
        layout({ title: t(lang, title), path, principal: p, build: readPointer(deps.dataDir), lang, url: path }, body),
      );
  }

  router.get('/inbox', async (req, res) => {
    const p = subscriber(res);
    const items = readInbox(deps.dataDir, p.name);
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action: 'inbox_view',
      target: 'inbox',
      filters: {},
      format: 'html',
      rows: items.length,
      build_id: readPointer(deps.dataDir)?.build_id ?? null,
      ip: clientIp(req),
    });
    send(req, res, '/inbox', '收件箱', inboxBody({ items, csrf: csrf.tokenFor(res), lang: langOf(res) }));
  });

  router.post('/inbox/read', form, async (req, res) => {
    const p = subscriber(res);
    csrf.check(req, res, values(req, 'csrf')[0]);
    await markRead(deps.dataDir, p.name, values(req, 'all')[0] === '1' ? 'all' : values(req, 'item'), deps.now());
    res.redirect(303, '/inbox');
  });

  async function subscriptionsPage(req: Request, res: Response, o: { saved: boolean; error: string | null }) {
    const p = subscriber(res);
    const own = departmentScope(p, 'warnings');
    const body = subscriptionsBody({
      subscription: subscriptionOf(deps.dataDir, p, kinds),
      kinds,
      departments: own === null ? ((await knownDepartments(deps.dataDir)) ?? []) : null,
      ownDepartment: own,
      alwaysEscalations: p.role === 'credit_office',
      saved: o.saved,
      csrf: csrf.tokenFor(res),
      error: o.error,
      lang: langOf(res),
    });
    send(req, res, '/subscriptions', '我的订阅', body, o.error ? 400 : 200);
  }

  router.get('/subscriptions', (req, res) =>
    subscriptionsPage(req, res, { saved: req.query.saved === '1', error: null }),
  );

  router.post('/subscriptions', form, async (req, res) => {
    const p = subscriber(res);
    csrf.check(req, res, values(req, 'csrf')[0]);
    let sub;
    try {
      sub = checkedSubscription(
        p,
        {
          kinds: values(req, 'kind'),
          levels: values(req, 'level') as never,
          departments: values(req, 'department'),
          email: values(req, 'email')[0] ?? null,
        },
        kinds,
        deps.now(),
      );
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return subscriptionsPage(req, res, { saved: false, error: e.message });
    }
    await saveSubscription(deps.dataDir, p.name, sub);
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action: 'subscription_change',
      target: p.name,
      filters: {
        kinds: sub.kinds.join(','),
        levels: sub.levels.join(','),
        departments: sub.departments.join(','),
        email: sub.email ?? '',
      },
      format: null,
      rows: null,
      build_id: null,
      ip: clientIp(req),
    });
    res.redirect(303, '/subscriptions?saved=1');
  });

  return router;
}
