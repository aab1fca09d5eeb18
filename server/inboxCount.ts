/**
 * The unread count in every page's header. Before a page is answered, the published build is delivered to
 * the inboxes if nobody delivered it yet (a `sentinel build` run outside `sentinel start`), once per build
 * and process; the count itself is the inbox file's, re-read only when that file changed
 * (lib/subscriptions/inbox.ts). It travels on the principal (`inboxUnread`), which every page's frame
 * already carries to dashboards/ui/layout.ts.
 */
import type { RequestHandler } from 'express';
import type { AuthStore } from '../lib/auth/store.js';
import type { Log } from '../lib/log.js';
import { readPointer } from '../lib/publish/pointer.js';
import { deliverPublished } from '../lib/subscriptions/deliverPublished.js';
import { unreadCount } from '../lib/subscriptions/inbox.js';
import { maySubscribe } from '../lib/subscriptions/subscription.js';
import { principalOf } from './authenticate.js';

export function inboxCount(o: {
  dataDir: string;
  users: AuthStore;
  levels: Readonly<Record<string, string>>;
  log: Log;
  now: () => Date;
}): RequestHandler {
  let delivered: string | null = null;
  let delivering: Promise<unknown> | null = null;
  async function deliverOnce(): Promise<void> {
    const build = readPointer(o.dataDir)?.build_id ?? null;
    if (build === null || build === delivered) return;
    delivering ??= deliverPublished(o.dataDir, o.users, o.levels, o.now())
      .then(() => (delivered = build))
      .catch((e: unknown) => o.log.error({ err: e, build_id: build }, 'delivering the new warnings failed'))
      .finally(() => (delivering = null));
    await delivering;
  }
  return async (_req, res, next) => {
    const p = principalOf(res);
    if (!p || !maySubscribe(p)) return next();
    try {
      await deliverOnce();
      res.locals.principal = { ...p, inboxUnread: unreadCount(o.dataDir, p.name) };
      next();
    } catch (e) {
      next(e);
    }
  };
}
