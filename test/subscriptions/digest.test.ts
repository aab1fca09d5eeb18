/**
 * The daily digest over a real loopback SMTP server (smtp-server), from the shared world's published
 * build: each subscriber with an address gets one mail with a Chinese subject, the new warnings that
 * reach it and a link to its inbox; the sending is recorded, and a second run — a restarted process —
 * sends nothing for the same build.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { AuthStore } from '../../lib/auth/store.js';
import { openPublished } from '../../lib/publish/reader.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { readDigestRecords } from '../../lib/subscriptions/digests.js';
import { readInbox } from '../../lib/subscriptions/inbox.js';
import { saveSubscription } from '../../lib/subscriptions/subscription.js';
import { sendDigests } from '../../pipelines/report/digest.js';
import { WARNING_KINDS } from '../../dashboards/ui/labels.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { parseMail } from './mime.js';

const HEALTH = '厦门市海沧区卫生健康局';
const BASE = 'https://xinyong.example.gov.cn';

interface Received {
  to: string[];
  raw: string;
}
type W = { warning_id: string; kind: string; subject_id: string; subject_name: string | null };

let dir: string;
let server: SMTPServer;
let port = 0;
const received: Received[] = [];
/** The build's new warnings, read here with SQL of the test's own. */
let analystWants: W[];
let healthWants: W[];
let allNew: number;

async function newWarnings(where: string): Promise<W[]> {
  const b = await openPublished(dir);
  try {
    return await b.db.all<W>(
      `select warning_id, kind, subject_id, subject_name from warnings where status = 'new' and ${where} order by warning_id`,
    );
  } finally {
    b.close();
  }
}

const config = () =>
  loadConfig({
    override: {
      reports: { email: { host: '127.0.0.1', port, secure: false, from: '区信用办 <xinyong@example.gov.cn>' } },
      warnings: { digest: { enabled: true, link_base_url: BASE } },
    },
  });

const send = () =>
  sendDigests({
    dataDir: dir,
    config: config(),
    // A new store each time, as a restarted process would have.
    users: new AuthStore(dir),
    log: silentLog(),
    kindLabels: WARNING_KINDS,
  });

beforeAll(async () => {
  dir = await copyOfSharedWorld('digest-');
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;

  const users = new AuthStore(dir);
  const add = (name: string, role: 'credit_office' | 'analyst' | 'department' | 'leader', department: string | null) =>
    users.addUser({ name, role, department, password: 'x'.repeat(12) });
  await add('office1', 'credit_office', null);
  await add('analyst1', 'analyst', null);
  await add('health1', 'department', HEALTH);
  await add('leader1', 'leader', null);
  const sub = (kinds: string[], email: string) => ({ kinds, levels: [], departments: [], email, updated_at: null });
  await saveSubscription(dir, 'analyst1', {
    ...sub(['persistent_violator', 'government_integrity'], 'analyst@credit.test'),
    levels: ['red', 'orange', 'yellow', 'green'],
  });
  await saveSubscription(dir, 'health1', {
    ...sub(Object.keys(WARNING_KINDS), 'health@bureau.test'),
    levels: ['red', 'orange', 'yellow', 'green'],
    departments: [HEALTH],
  });
  // Written straight to the file: the page refuses a leader, and delivery must too.
  // Kinds the world has new warnings of (the tiny world has no stale source since the exits plants delivered
  // repairs on as-of), so a leader's refused delivery is a real refusal.
  await saveSubscription(dir, 'leader1', {
    ...sub(['persistent_violator', 'government_integrity'], 'leader@gov.test'),
    levels: ['red', 'orange', 'yellow', 'green'],
  });

  analystWants = await newWarnings(`kind in ('persistent_violator', 'government_integrity')`);
  healthWants = await newWarnings(`subject_id = '${HEALTH}'`);
  allNew = (await newWarnings('true')).length;
}, 300_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('每日预警摘要 over a loopback SMTP server', () => {
  let first: Awaited<ReturnType<typeof send>>;
  beforeAll(async () => {
    first = await send();
  });

  it('the world has new warnings of both kinds the analyst chose and of the department (else the test says nothing)', () => {
    expect(analystWants.map((w) => w.kind)).toEqual(
      expect.arrayContaining(['persistent_violator', 'government_integrity']),
    );
    expect(healthWants.length).toBeGreaterThan(0);
  });

  it('mails each subscriber with an address once: the analyst and the department, not the leader or the addressless', () => {
    expect(received.map((r) => r.to)).toEqual([['analyst@credit.test'], ['health@bureau.test']]);
    expect(first.sent.map((s) => [s.user, s.count])).toEqual([
      ['analyst1', analystWants.length],
      ['health1', healthWants.length],
    ]);
  });

  it('has a Chinese subject with the as-of and the count, each warning by kind and subject, and the inbox link', () => {
    const asOf = readPointer(dir)!.as_of;
    const mail = parseMail(received[0]!.raw);
    expect(asOf).toBe('2025-12-31');
    expect(mail.headers.get('subject')).toBe(`【信用风险预警】2025年12月31日新增预警${analystWants.length}条`);
    for (const w of analystWants) {
      expect(mail.text).toContain(`${WARNING_KINDS[w.kind]}：${w.subject_name ?? w.subject_id}（${w.subject_id}）`);
    }
    expect(mail.text).toContain(`${BASE}/inbox`);
    const health = parseMail(received[1]!.raw).text;
    for (const w of healthWants) expect(health).toContain(`（${w.subject_id}）`);
    expect(health).not.toContain('屡禁不止');
  });

  it('records who, when, the message id and the count', () => {
    const records = readDigestRecords(dir);
    expect(records.map((r) => [r.user, r.to, r.count, r.build_id])).toEqual([
      ['analyst1', 'analyst@credit.test', analystWants.length, readPointer(dir)!.build_id],
      ['health1', 'health@bureau.test', healthWants.length, readPointer(dir)!.build_id],
    ]);
    expect(records.map((r) => r.message_id)).toEqual(received.map((m) => parseMail(m.raw).headers.get('message-id')));
    for (const r of records) expect(Date.parse(r.sent_at)).not.toBeNaN();
  });

  it('sends nothing twice for the same build, even from a new process state', async () => {
    const again = await send();
    expect(again.sent).toEqual([]);
    expect(again.already).toEqual(['analyst1', 'health1']);
    expect(received).toHaveLength(2);
    expect(readDigestRecords(dir)).toHaveLength(2);
  });

  it('filled the inboxes by the same rule: everything new for the credit office, nothing for the leader', () => {
    expect(readInbox(dir, 'office1')).toHaveLength(allNew);
    expect(readInbox(dir, 'leader1')).toEqual([]);
    expect(readInbox(dir, 'analyst1').map((i) => i.warning_id)).toEqual(analystWants.map((w) => w.warning_id));
  });
});
