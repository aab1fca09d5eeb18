/**
 * 每日预警摘要: after a build is published (the scheduler, or `sentinel digest send`), every user with a
 * digest address in 我的订阅 is mailed the build's new warnings that reached its inbox — once per build
 * and user, recorded in DIR/subscriptions/digests.jsonl before the next mail is sent. The SMTP server
 * is reports.email's; the kinds' names are passed in (the pages' labels), a kind without one shows its code.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../../lib/config/schema.js';
import type { Log } from '../../lib/log.js';
import type { AuthStore } from '../../lib/auth/store.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { deliverPublished, principals } from '../../lib/subscriptions/deliverPublished.js';
import { readInbox, type InboxItem } from '../../lib/subscriptions/inbox.js';
import { readSubscriptions } from '../../lib/subscriptions/subscription.js';
import { readDigestRecords, recordDigest, type DigestRecord } from '../../lib/subscriptions/digests.js';
import { chineseDate } from './period.js';

const LEVEL = { red: '红色', orange: '橙色', yellow: '黄色', green: '绿色' } as Readonly<Record<string, string>>;

export interface DigestOptions {
  dataDir: string;
  config: Readonly<Config>;
  users: AuthStore;
  log: Log;
  now?: () => Date;
  /** What each warning kind is called (dashboards/ui/labels.ts WARNING_KINDS). */
  kindLabels: Readonly<Record<string, string>>;
}

export interface DigestOutcome {
  build_id: string | null;
  sent: DigestRecord[];
  /** Users already mailed for this build. */
  already: string[];
  /** Users with an address but no new warning in this build. */
  nothing: string[];
}

export function digestSubject(asOf: string, items: readonly InboxItem[]): string {
  const escalated = items.filter((i) => i.escalated).length;
  return `【信用风险预警】${chineseDate(asOf)}新增预警${items.length}条${escalated ? `（含升级${escalated}条）` : ''}`;
}

export function digestText(asOf: string, items: readonly InboxItem[], link: string, kinds: Record<string, string>) {
  const lines = items.map(
    (i, n) =>
      `${n + 1}. ${i.escalated ? '【升级】' : ''}[${LEVEL[i.level] ?? i.level}] ${kinds[i.kind] ?? i.kind}：` +
      `${i.subject_name ?? i.subject_id}（${i.subject_id}）`,
  );
  return (
    `截至${chineseDate(asOf)}的数据，您订阅的预警新增${items.length}条：\n\n${lines.join('\n')}\n\n` +
    `请登录平台查看并处置：${link}\n（本邮件由信用风险监测预警平台自动发送，每个构建只发送一次。）\n`
  );
}

export async function sendDigests(o: DigestOptions): Promise<DigestOutcome> {
  const now = o.now ?? (() => new Date());
  await deliverPublished(o.dataDir, o.users, o.config.warnings.levels, now());
  const pointer = readPointer(o.dataDir);
  const outcome: DigestOutcome = { build_id: pointer?.build_id ?? null, sent: [], already: [], nothing: [] };
  if (!pointer) return outcome;
  const mailed = new Set(
    readDigestRecords(o.dataDir)
      .filter((r) => r.build_id === pointer.build_id)
      .map((r) => r.user),
  );
  const subs = readSubscriptions(o.dataDir);
  const email = o.config.reports.email;
  const link = `${o.config.warnings.digest.link_base_url?.replace(/\/+$/, '') ?? ''}/inbox`;
  const transport = nodemailer.createTransport({
    host: email.host,
    port: email.port,
    secure: email.secure,
    auth: email.user ? { user: email.user, pass: email.password ?? '' } : undefined,
  });
  try {
    for (const p of principals(o.users)) {
      const to = subs[p.name]?.email;
      if (!to) continue;
      if (mailed.has(p.name)) {
        outcome.already.push(p.name);
        continue;
      }
      const items = readInbox(o.dataDir, p.name).filter((i) => i.build_id === pointer.build_id);
      if (items.length === 0) {
        outcome.nothing.push(p.name);
        continue;
      }
      const info = await transport.sendMail({
        from: email.from,
        to,
        subject: digestSubject(pointer.as_of, items),
        text: digestText(pointer.as_of, items, link, o.kindLabels),
      });
      const record: DigestRecord = {
        build_id: pointer.build_id,
        as_of: pointer.as_of,
        user: p.name,
        to,
        sent_at: now().toISOString(),
        message_id: String(info.messageId),
        count: items.length,
      };
      recordDigest(o.dataDir, record);
      outcome.sent.push(record);
      o.log.info({ user: p.name, to, build_id: pointer.build_id, count: items.length }, 'warning digest e-mailed');
    }
  } finally {
    transport.close();
  }
  return outcome;
}
