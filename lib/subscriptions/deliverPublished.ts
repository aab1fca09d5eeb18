/**
 * Delivers the published build to the inboxes unless it was delivered already: what the scheduler does
 * after each publish, `sentinel digest send` before it mails, and the server when it first serves a
 * build published by a `sentinel build` outside `sentinel start`.
 */
import type { AuthStore } from '../auth/store.js';
import type { Principal } from '../auth/roles.js';
import { openPublished } from '../publish/reader.js';
import { readPointer } from '../publish/pointer.js';
import { deliverBuild, deliveredBuilds, newWarnings, type Delivery } from './inbox.js';
import { subscribableKinds } from './subscription.js';

export function principals(users: AuthStore): Principal[] {
  return users.listing().map((u) => ({ name: u.name, role: u.role, department: u.department, via: 'session' }));
}

export async function deliverPublished(
  dataDir: string,
  users: AuthStore,
  levels: Readonly<Record<string, string>>,
  now: Date,
): Promise<Delivery | null> {
  const pointer = readPointer(dataDir);
  if (!pointer) return null;
  if (deliveredBuilds(dataDir)[pointer.build_id])
    return { build_id: pointer.build_id, delivered: false, users: 0, items: 0 };
  const build = await openPublished(dataDir);
  let warnings;
  try {
    warnings = await newWarnings(build.db);
  } finally {
    build.close();
  }
  return deliverBuild(dataDir, build.pointer, warnings, principals(users), subscribableKinds(levels), now);
}
