/**
 * 名称匹配复核 on a real loopback server over a copy of the shared world with name-only penalties planted
 * (nameReviewWorld.ts): rights, the queue with the check's suggestions, judgements confirmed and rejected,
 * POST /api/v1/checks before and after, the next build attaching the planted record to the confirmed
 * entity, revocation, the store's file modes and the audit log.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { paths } from '../../lib/dataDir.js';
import { readJudgements } from '../../lib/nameReview/store.js';
import { bearer, startTestServer, userWithToken, type TestServer } from './harness.js';
import { buildWorld, plantedWorld, publishedQuery, type Planted } from './nameReviewWorld.js';

type Suggestion = { uscc: string; name: string; similarity: number; why: string };
type Queue = {
  total: number;
  names: Array<{ name_norm: string; name: string; sources: string[]; records: number; suggestions: Suggestion[] }>;
  judgements: Array<{
    id: string;
    name: string;
    uscc: string;
    decision: string;
    decided_by: string;
    decided_at: string;
    revoked_at: string | null;
    attached_records: number | null;
  }>;
};
type CheckResult = {
  query: string;
  match: string;
  uscc: string | null;
  resolved: boolean;
  resolved_by?: string;
  judgement?: { id: string; decided_by: string; decided_at: string };
  suggestions?: Suggestion[];
  public_penalties: Array<{ decision_no: string }>;
};

const eventId = (p: Planted) => `penalties:${p.authority}|${p.docNo}`;

let dataDir: string;
let planted: Planted[];
let server: TestServer;
const tokens: Record<string, string> = {};

async function call(method: string, path: string, role: string | null, body?: unknown): Promise<Response> {
  return fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(role ? bearer(tokens[role]!).headers : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function queue(role = 'office'): Promise<Queue> {
  const res = await call('GET', '/api/v1/name-review', role);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Queue;
}

async function check(name: string): Promise<CheckResult> {
  const res = await call('POST', '/api/v1/checks', 'analyst', { names: [name] });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { results: CheckResult[] }).results[0]!;
}

const judge = (name: string, uscc: string, decision: string, role = 'office') =>
  call('POST', '/api/v1/name-review/judgements', role, { name, uscc, decision });

beforeAll(async () => {
  ({ dataDir, planted } = await plantedWorld('name-review-'));
  for (const [role, r, dept] of [
    ['office', 'credit_office', null],
    ['admin', 'admin', null],
    ['analyst', 'analyst', null],
    ['department', 'department', '厦门市海沧区市场监督管理局'],
    ['leader', 'leader', null],
  ] as const)
    tokens[role] = await userWithToken(dataDir, `${role}1`, r, dept);
  server = await startTestServer(dataDir);
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

describe('名称匹配复核 API', () => {
  it('is for the credit office and admins only', async () => {
    expect((await call('GET', '/api/v1/name-review', null)).status).toBe(401);
    for (const role of ['analyst', 'department', 'leader']) {
      expect((await call('GET', '/api/v1/name-review', role)).status, role).toBe(403);
      expect((await judge(planted[0]!.variant, planted[0]!.uscc, 'confirmed', role)).status, role).toBe(403);
    }
    expect((await call('GET', '/api/v1/name-review', 'admin')).status).toBe(200);
  });

  it('lists each planted name with its record and the entity among the suggestions the check makes', async () => {
    const q = await queue();
    for (const p of planted) {
      const n = q.names.find((x) => x.name === p.variant);
      expect(n, p.variant).toMatchObject({ sources: ['penalties'], records: 1 });
      const s = n!.suggestions.find((x) => x.uscc === p.uscc);
      expect(s).toMatchObject({ name: p.name, why: 'similar_register_name' });
      expect(s!.similarity).toBeGreaterThanOrEqual(0.85);
      // The same suggestion the credit check makes for that name; the name does not resolve by rules.md §1.
      const c = await check(p.variant);
      expect(c).toMatchObject({ match: 'not_found', uscc: null, resolved: false });
      expect(c.suggestions!.map((x) => x.uscc)).toContain(p.uscc);
      expect(c.resolved_by).toBeUndefined();
    }
    expect(q.judgements).toEqual([]);
  });

  it('refuses what it cannot judge: a bad decision, a USCC not suggested, a register name', async () => {
    const [a] = planted;
    expect((await judge(a!.variant, a!.uscc, 'maybe')).status).toBe(400);
    const other = planted[1]!.uscc;
    const notSuggested = (await queue()).names
      .find((n) => n.name === a!.variant)!
      .suggestions.every((s) => s.uscc !== other);
    if (notSuggested) expect((await judge(a!.variant, other, 'confirmed')).status).toBe(400);
    const res = await judge(a!.name, a!.uscc, 'confirmed');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('不在待复核名称中');
    expect(readJudgements(dataDir)).toEqual([]);
  });

  it('a confirmed judgement answers the check at once, as a reviewed judgement; a register name stays the register’s', async () => {
    const [a] = planted;
    const res = await judge(a!.variant, a!.uscc, 'confirmed');
    expect(res.status, await res.clone().text()).toBe(201);
    const j = (await res.json()) as { id: string; decided_by: string; decided_at: string; decision: string };
    expect(j).toMatchObject({ decision: 'confirmed', decided_by: 'office1' });
    const c = await check(a!.variant);
    expect(c).toMatchObject({ match: 'name', uscc: a!.uscc, resolved: true, resolved_by: 'review' });
    expect(c.judgement).toEqual({ id: j.id, decided_by: 'office1', decided_at: j.decided_at });
    const byRegister = await check(a!.name);
    expect(byRegister).toMatchObject({ match: 'name', uscc: a!.uscc });
    expect(byRegister.resolved_by).toBeUndefined();
    // One USCC per name: confirming the same name again is refused.
    expect((await judge(a!.variant, a!.uscc, 'confirmed')).status).toBe(400);
    const q = await queue();
    expect(q.names.map((n) => n.name)).not.toContain(a!.variant);
    expect(q.judgements).toMatchObject([{ id: j.id, name: a!.variant, uscc: a!.uscc, attached_records: null }]);
  });

  it('a rejected suggestion is not made again, by the review or the check', async () => {
    const b = planted[1]!;
    const res = await judge(b.variant, b.uscc, 'rejected');
    expect(res.status, await res.clone().text()).toBe(201);
    const c = await check(b.variant);
    expect(c.match).toBe('not_found');
    expect(c.suggestions!.map((s) => s.uscc)).not.toContain(b.uscc);
    const n = (await queue()).names.find((x) => x.name === b.variant)!;
    expect(n.suggestions.map((s) => s.uscc)).not.toContain(b.uscc);
  });

  it('the next build attaches the name-only record to the confirmed entity, and only that one', async () => {
    const [a, b] = planted;
    const before = await publishedQuery<{ doc: string; uscc: string | null; is_counted: boolean }>(
      dataDir,
      `select split_part(event_id, '|', 2) as doc, uscc, is_counted from event_traces where event_id in (?, ?) order by doc`,
      [eventId(a!), eventId(b!)],
    );
    expect(before.map((r) => r.uscc)).toEqual([null, null]);
    await buildWorld(dataDir);
    const after = await publishedQuery<{ doc: string; uscc: string | null; is_counted: boolean }>(
      dataDir,
      `select split_part(event_id, '|', 2) as doc, uscc, is_counted from event_traces where event_id in (?, ?) order by doc`,
      [eventId(a!), eventId(b!)],
    );
    expect(after).toEqual([
      { doc: a!.docNo, uscc: a!.uscc, is_counted: true },
      { doc: b!.docNo, uscc: null, is_counted: false },
    ]);
    const penalties = await publishedQuery<{ decision_no: string }>(
      dataDir,
      `select decision_no from entity_penalties where uscc = ?`,
      [a!.uscc],
    );
    expect(penalties.map((p) => p.decision_no)).toEqual([a!.docNo]);
    const byUscc = await call('POST', '/api/v1/checks', 'analyst', { usccs: [a!.uscc] });
    const r = ((await byUscc.json()) as { results: CheckResult[] }).results[0]!;
    expect(r.public_penalties.map((p) => p.decision_no)).toEqual([a!.docNo]);
    const q = await queue();
    expect(q.judgements.find((j) => j.uscc === a!.uscc)!.attached_records).toBe(1);
    expect(q.names.map((n) => n.name)).not.toContain(a!.variant);
  });

  it('a judgement is revoked with a reason and stops answering the check; the list keeps it, stamped', async () => {
    const [a] = planted;
    const id = readJudgements(dataDir).find((j) => j.uscc === a!.uscc)!.id;
    expect((await call('POST', `/api/v1/name-review/judgements/${id}/revoke`, 'office', { reason: ' ' })).status).toBe(
      400,
    );
    expect(
      (await call('POST', `/api/v1/name-review/judgements/nj-000000000000/revoke`, 'office', { reason: 'x' })).status,
    ).toBe(404);
    const res = await call('POST', `/api/v1/name-review/judgements/${id}/revoke`, 'admin', { reason: '复核有误' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ id, revoked_by: 'admin1', revoke_reason: '复核有误' });
    expect((await check(a!.variant)).match).toBe('not_found');
    expect(
      (await call('POST', `/api/v1/name-review/judgements/${id}/revoke`, 'office', { reason: '再次' })).status,
    ).toBe(400);
    const q = await queue();
    expect(q.judgements.map((j) => [j.decision, j.revoked_at !== null])).toEqual([
      ['confirmed', true],
      ['rejected', false],
    ]);
  });

  it('keeps its file private and audits views, judgements and revocations', async () => {
    const file = paths.nameJudgements(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    const actions = (await readAudit(dataDir)).map((e) => e.action);
    expect(actions).toContain('name_review_view');
    expect(actions.filter((a) => a === 'name_judgement')).toHaveLength(2);
    expect(actions.filter((a) => a === 'name_judgement_revoke')).toHaveLength(1);
  });
});
