/**
 * 我的订阅: which warnings reach a user — kinds, levels, departments — and where the daily digest goes.
 * Kept in DIR/subscriptions/subscriptions.json (product-owned state, not in a build: the server writes it
 * while builds run). A user who never saved one gets the default: every kind and level, and for a
 * department user its own department. The scope is never widened by a subscription: a department user
 * receives only the warnings its scope shows it (lib/auth/scope.ts), whatever it chose.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { paths } from '../dataDir.js';
import { InputError } from '../errors.js';
import { writeFileAtomic, withFileLock } from '../auth/atomicFile.js';
import { departmentScope } from '../auth/scope.js';
import type { Principal } from '../auth/roles.js';

export const LEVELS = ['red', 'orange', 'yellow', 'green'] as const;

/** Warnings whose subject is a department (rules.md §9 subject_id): the departments filter applies to them. */
export const DEPARTMENT_KINDS: readonly string[] = [
  'department_timeliness',
  'department_compliance',
  'follow_up_overdue',
  'follow_up_escalated',
];

/** Escalations reach the credit office whatever it subscribed to (docs/rules.md). */
export const ESCALATION_KIND = 'follow_up_escalated';

/**
 * The kinds a user may subscribe to: every kind the configuration gives a level (so kinds other parts
 * add to `warnings.levels` are offered without a change here), and key_project, whose level is the
 * project's own.
 */
export function subscribableKinds(levels: Readonly<Record<string, string>>): string[] {
  return [...new Set([...Object.keys(levels), 'key_project'])].sort();
}

const subscriptionSchema = z.object({
  kinds: z.array(z.string()),
  levels: z.array(z.enum(LEVELS)),
  /** Empty: every department the user's scope shows. */
  departments: z.array(z.string()),
  email: z.string().nullable(),
  updated_at: z.string().nullable(),
});
const fileSchema = z.object({ version: z.literal(1), users: z.record(z.string(), subscriptionSchema) });

export type Subscription = z.infer<typeof subscriptionSchema>;

/** Only leaders read no warning (interfaces.md: 403 for entity lists); everyone else may subscribe. */
export const maySubscribe = (p: Pick<Principal, 'role'>): boolean => p.role !== 'leader';

export function defaultSubscription(p: Principal, kinds: readonly string[]): Subscription {
  const own = departmentScope(p, 'warnings');
  return { kinds: [...kinds], levels: [...LEVELS], departments: own ? [own] : [], email: null, updated_at: null };
}

function readFile(dataDir: string): z.infer<typeof fileSchema> {
  try {
    return fileSchema.parse(JSON.parse(readFileSync(paths.subscriptions(dataDir), 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, users: {} };
    throw e;
  }
}

/** Every saved subscription, by user name. */
export function readSubscriptions(dataDir: string): Readonly<Record<string, Subscription>> {
  return readFile(dataDir).users;
}

export function subscriptionOf(dataDir: string, p: Principal, kinds: readonly string[]): Subscription {
  return readFile(dataDir).users[p.name] ?? defaultSubscription(p, kinds);
}

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/** Checks a submitted subscription against what the user may choose; throws InputError naming the problem. */
export function checkedSubscription(
  p: Principal,
  wanted: Omit<Subscription, 'updated_at'>,
  kinds: readonly string[],
  now: Date,
): Subscription {
  const unknownKind = wanted.kinds.find((k) => !kinds.includes(k));
  if (unknownKind !== undefined) throw new InputError(`未知的预警类型「${unknownKind}」`);
  const own = departmentScope(p, 'warnings');
  const beyond = own === null ? undefined : wanted.departments.find((d) => d !== own);
  if (beyond !== undefined) throw new InputError(`部门用户只能订阅本部门（${own}）的预警，不能订阅「${beyond}」`);
  const email = wanted.email?.trim() || null;
  if (email !== null && !EMAIL.test(email)) throw new InputError(`「${email}」不是有效的电子邮件地址`);
  return {
    kinds: [...new Set(wanted.kinds)].sort(),
    levels: LEVELS.filter((l) => wanted.levels.includes(l)),
    departments: own === null ? [...new Set(wanted.departments)].sort() : [own],
    email,
    updated_at: now.toISOString(),
  };
}

export async function saveSubscription(dataDir: string, user: string, sub: Subscription): Promise<void> {
  const file = paths.subscriptions(dataDir);
  await withFileLock(file, () => {
    const data = readFile(dataDir);
    data.users[user] = sub;
    writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  });
}

export interface WarningSummary {
  warning_id: string;
  kind: string;
  subject_id: string;
  subject_name: string | null;
  level: string;
}

/** Whether a warning reaches `p` under `sub`: inside its scope first, then by its choices. */
export function reaches(p: Principal, sub: Subscription, w: WarningSummary): boolean {
  const own = departmentScope(p, 'warnings');
  if (!maySubscribe(p) || (own !== null && w.subject_id !== own)) return false;
  if (w.kind === ESCALATION_KIND && p.role === 'credit_office') return true;
  if (!sub.kinds.includes(w.kind) || !(sub.levels as readonly string[]).includes(w.level)) return false;
  return !DEPARTMENT_KINDS.includes(w.kind) || sub.departments.length === 0 || sub.departments.includes(w.subject_id);
}
