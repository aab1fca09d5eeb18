/**
 * 收件箱: each published build's new warnings, delivered once per build to every user they reach
 * (subscription.ts), kept per user in DIR/subscriptions/users/<key>.json with read or unread. Delivery
 * is recorded in DIR/subscriptions/deliveries.json, so the server, the scheduler and `sentinel digest`
 * may all ask for it and a build is still delivered once. The unread count the header shows is read
 * from the user's file only when that file changed (one stat a page otherwise).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { paths } from '../dataDir.js';
import type { Db } from '../db.js';
import type { Principal } from '../auth/roles.js';
import { writeFileAtomic, withFileLock } from '../auth/atomicFile.js';
import type { PublishedPointer } from '../publish/pointer.js';
import {
  ESCALATION_KIND,
  maySubscribe,
  reaches,
  readSubscriptions,
  defaultSubscription,
  type WarningSummary,
} from './subscription.js';

const itemSchema = z.object({
  build_id: z.string(),
  as_of: z.string(),
  warning_id: z.string(),
  kind: z.string(),
  level: z.string(),
  subject_id: z.string(),
  subject_name: z.string().nullable(),
  /** A follow-up escalated to the credit office (升级). */
  escalated: z.boolean(),
  delivered_at: z.string(),
  read_at: z.string().nullable(),
});
const inboxSchema = z.object({ version: z.literal(1), user: z.string(), items: z.array(itemSchema) });
const deliveriesSchema = z.object({
  version: z.literal(1),
  builds: z.record(z.string(), z.object({ delivered_at: z.string(), users: z.number(), items: z.number() })),
});

export type InboxItem = z.infer<typeof itemSchema>;
export const itemId = (i: Pick<InboxItem, 'build_id' | 'warning_id'>): string => `${i.build_id}/${i.warning_id}`;

/** A user's file is named by a digest of the name: names may hold characters a file name should not. */
const inboxFile = (dataDir: string, user: string) =>
  paths.userInbox(dataDir, createHash('sha256').update(user).digest('hex').slice(0, 24));

function readJson<T>(file: string, schema: z.ZodType<T>, empty: T): T {
  try {
    return schema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw e;
  }
}

/** The user's inbox, newest build first, in warning order within a build. */
export function readInbox(dataDir: string, user: string): InboxItem[] {
  const items = readJson(inboxFile(dataDir, user), inboxSchema, { version: 1, user, items: [] }).items;
  return [...items].sort((a, b) => b.as_of.localeCompare(a.as_of) || b.build_id.localeCompare(a.build_id));
}

async function changeInbox(dataDir: string, user: string, change: (items: InboxItem[]) => InboxItem[]) {
  const file = inboxFile(dataDir, user);
  await withFileLock(file, () => {
    const data = readJson(file, inboxSchema, { version: 1, user, items: [] });
    writeFileAtomic(file, `${JSON.stringify({ ...data, items: change(data.items) })}\n`);
  });
}

/** Marks the given items (or every item) read; returns how many changed. */
export async function markRead(dataDir: string, user: string, ids: readonly string[] | 'all', now: Date) {
  let changed = 0;
  await changeInbox(dataDir, user, (items) =>
    items.map((i) => {
      if (i.read_at !== null || (ids !== 'all' && !ids.includes(itemId(i)))) return i;
      changed++;
      return { ...i, read_at: now.toISOString() };
    }),
  );
  return changed;
}

const unreadCache = new Map<string, { key: string; unread: number }>();

/** The unread count for the header: the file is re-read only when its size or mtime changed. */
export function unreadCount(dataDir: string, user: string): number {
  const file = inboxFile(dataDir, user);
  let key: string;
  try {
    const st = statSync(file);
    key = `${st.mtimeMs}:${st.size}`;
  } catch {
    return 0;
  }
  const cached = unreadCache.get(file);
  if (cached?.key === key) return cached.unread;
  const unread = readInbox(dataDir, user).filter((i) => i.read_at === null).length;
  unreadCache.set(file, { key, unread });
  return unread;
}

export function deliveredBuilds(dataDir: string): Readonly<Record<string, { delivered_at: string }>> {
  return readJson(paths.inboxDeliveries(dataDir), deliveriesSchema, { version: 1, builds: {} }).builds;
}

/** The warnings of a build that are new in it (rules.md §9 status), as the inbox holds them. */
export async function newWarnings(db: Db): Promise<WarningSummary[]> {
  return db.all<WarningSummary>(
    `select warning_id, kind, subject_id, subject_name, level from warnings where status = 'new' order by warning_id`,
  );
}

export interface Delivery {
  build_id: string;
  /** False when the build had been delivered before (nothing was added). */
  delivered: boolean;
  users: number;
  items: number;
}

/**
 * Delivers a build's new warnings to every user they reach, once: a build recorded in deliveries.json
 * is not delivered again, and an item already in an inbox (same build and warning) is not added twice.
 */
export async function deliverBuild(
  dataDir: string,
  build: Pick<PublishedPointer, 'build_id' | 'as_of'>,
  warnings: readonly WarningSummary[],
  users: readonly Principal[],
  kinds: readonly string[],
  now: Date,
): Promise<Delivery> {
  const file = paths.inboxDeliveries(dataDir);
  return withFileLock(file, async () => {
    const record = readJson(file, deliveriesSchema, { version: 1, builds: {} });
    if (record.builds[build.build_id]) return { build_id: build.build_id, delivered: false, users: 0, items: 0 };
    const subs = readSubscriptions(dataDir);
    let reached = 0;
    let total = 0;
    for (const p of users.filter(maySubscribe)) {
      const sub = subs[p.name] ?? defaultSubscription(p, kinds);
      const mine = warnings.filter((w) => reaches(p, sub, w));
      if (mine.length === 0) continue;
      reached++;
      total += mine.length;
      await changeInbox(dataDir, p.name, (items) => {
        const have = new Set(items.map(itemId));
        const added = mine
          .map((w) => ({
            build_id: build.build_id,
            as_of: build.as_of,
            ...w,
            escalated: w.kind === ESCALATION_KIND,
            delivered_at: now.toISOString(),
            read_at: null,
          }))
          .filter((i) => !have.has(itemId(i)));
        return [...items, ...added];
      });
    }
    record.builds[build.build_id] = { delivered_at: now.toISOString(), users: reached, items: total };
    writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
    return { build_id: build.build_id, delivered: true, users: reached, items: total };
  });
}
