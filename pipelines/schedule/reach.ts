/**
 * What `sentinel start` does after a build job (scheduled or delegated): deliver the published build's new
 * warnings to the inboxes and, when `warnings.digest.enabled`, mail the digests. Both are recorded and
 * once per build, so a job that published nothing new delivers and mails nothing. A failure here is
 * logged, never the build job's failure: the build is published either way.
 */
import type { Config } from '../../lib/config/schema.js';
import type { Log } from '../../lib/log.js';
import { AuthStore } from '../../lib/auth/store.js';
import { deliverPublished } from '../../lib/subscriptions/deliverPublished.js';
import { sendDigests } from '../report/digest.js';

export interface ReachOptions {
  dataDir: string;
  config: Readonly<Config>;
  log: Log;
  now: () => Date;
  kindLabels: Readonly<Record<string, string>>;
}

export async function reachPeople(o: ReachOptions): Promise<void> {
  const users = new AuthStore(o.dataDir, o.now);
  try {
    const delivery = await deliverPublished(o.dataDir, users, o.config.warnings.levels, o.now());
    if (delivery?.delivered) o.log.info(delivery, 'new warnings delivered to the inboxes');
    if (!o.config.warnings.digest.enabled) return;
    const digest = await sendDigests({ ...o, users });
    o.log.info({ build_id: digest.build_id, sent: digest.sent.length }, 'warning digests sent');
  } catch (e) {
    o.log.error({ err: e }, 'delivering the new warnings or their digest failed; the build stays published');
  }
}
